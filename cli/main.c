/* main: parse the command line, then open the TUI or run a command. */
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc; (void)argv;
	puts("stallcheck " SC_VERSION);
	return 0;
}
