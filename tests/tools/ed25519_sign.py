#!/usr/bin/env python3
"""ed25519_sign.py KEYFILE FILE: print the .sig line of FILE signed with the
key of a stallcheck key file ("ed25519 <64 hex digits of the seed>"), as
stallcheck reads it: the plain Ed25519 signature (RFC 8032) as 128 hex
digits. With --pubkey: print the public key instead (to check the key
file against `stallcheck device show`). Lets the end-to-end tests write
the bundles another stallcheck version would write; pure Python (no
crypto package), slow but enough for small bundles."""
import hashlib, sys

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P


def add(a, b):  # extended twisted Edwards coordinates
    x = (a[1] - a[0]) * (b[1] - b[0]) % P
    y = (a[1] + a[0]) * (b[1] + b[0]) % P
    c = 2 * a[3] * b[3] * D % P
    d = 2 * a[2] * b[2] % P
    e, f, g, h = y - x, d - c, d + c, y + x
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def mul(s, pt):
    q = (0, 1, 1, 0)
    while s:
        if s & 1:
            q = add(q, pt)
        pt = add(pt, pt)
        s >>= 1
    return q


def encode(pt):
    zi = pow(pt[2], P - 2, P)
    x, y = pt[0] * zi % P, pt[1] * zi % P
    return (y | (x & 1) << 255).to_bytes(32, "little")


def base():
    y = 4 * pow(5, P - 2, P) % P
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P)
    x = pow(x2, (P + 3) // 8, P)
    if (x * x - x2) % P:
        x = x * pow(2, (P - 1) // 4, P) % P
    if x & 1:
        x = P - x
    return (x, y, 1, x * y % P)


def h512(b):
    return hashlib.sha512(b).digest()


def keys(seed):
    h = h512(seed)
    a = int.from_bytes(h[:32], "little") & ((1 << 254) - 8) | 1 << 254
    return a, h[32:], encode(mul(a, base()))


def sign(seed, msg):
    a, prefix, pub = keys(seed)
    r = int.from_bytes(h512(prefix + msg), "little") % L
    rb = encode(mul(r, base()))
    k = int.from_bytes(h512(rb + pub + msg), "little") % L
    return rb + ((r + k * a) % L).to_bytes(32, "little")


args = sys.argv[1:]
want_pub = "--pubkey" in args
args = [a for a in args if a != "--pubkey"]
word, hexseed = open(args[0]).read().split()
if word != "ed25519" or len(hexseed) != 64:
    sys.exit("ed25519_sign: %s is not a stallcheck key file" % args[0])
seed = bytes.fromhex(hexseed)
if want_pub:
    print(keys(seed)[2].hex())
else:
    print(sign(seed, open(args[1], "rb").read()).hex())
