/* text: every string the interface shows, in Chinese and English, from one
 * table. tx() returns a static string of the current language. */
#ifndef SC_TUI_TEXT_H
#define SC_TUI_TEXT_H

#include <stddef.h>

#include "core/checklist.h"

#define TEXT_TABLE(X) \
X(T_APP, "stallcheck 农贸市场检查", "stallcheck market inspection") \
X(T_TOO_SMALL, "终端太小：至少需要 %dx%d，当前 %dx%d", "Terminal too small: need %dx%d, have %dx%d") \
X(T_HOME_TITLE, "今日检查 %s  检查员：%s", "Today %s  inspector: %s") \
X(T_WHO_TITLE, "首次使用：请填写检查员信息", "First start: who is inspecting?") \
X(T_WHO_HINT, "保存到 %s 。姓名记入每一份检查记录；单位如 西湖区市场监督管理局。", "Saved in %s . Your name goes on every record; the unit is e.g. 西湖区市场监督管理局.") \
X(T_F_PERSON, "姓名", "Name") \
X(T_F_UNIT, "单位", "Unit") \
X(T_WHO_EMPTY, "姓名不能为空：每一份记录都要写明检查员。", "The name cannot be empty: every record names its inspector.") \
X(T_WHO_QUOTE, "姓名和单位不能含英文双引号 \"，请改用中文引号“”。", "The name and unit cannot hold an ASCII double quote \"; write “” instead.") \
X(T_WHO_SAVED, "已保存到 %s", "Saved in %s") \
X(T_WHO_UNSAVED, "设置未保存：%s。本次仍使用此姓名。", "Settings not saved: %s. The name is used for this session.") \
X(T_HOME_EMPTY, "今天本机还没有检查记录。按 n 开始新的检查。", "No inspections on this machine today. Press n to start one.") \
X(T_HOME_SUMMARY, "未同步：%d 份（上次同步 %s）  整改未结：%d 项，逾期 %d 项", "Not synced: %d (last sync %s)  rectifications open: %d, overdue %d") \
X(T_NEVER, "从未", "never") \
X(T_HOME_KEYS, "n 新检查 Enter 打开 r 整改 R 审核 S 同步 E 导出 ? 帮助 q 退出", "n new  Enter open  r rectifications  R review  S sync  E export  ? help  q quit") \
X(T_EXPORT_TITLE, "导出汇总", "Export a summary") \
X(T_EXPORT_HINT, "格式：html pdf xlsx csv md；Tab 换栏，Enter 导出，Esc 取消", "formats: html pdf xlsx csv md; Tab next field, Enter export, Esc cancel") \
X(T_F_FROM, "起始日期", "From") \
X(T_F_TO, "截止日期", "To") \
X(T_F_FORMAT, "格式", "Format") \
X(T_F_FILE, "文件", "File") \
X(T_DB_DAMAGED, "数据库文件已损坏，未导出：请运行 stallcheck verify 检查，并从备份恢复（%s）", "The database file is damaged, nothing exported: run stallcheck verify, restore a backup (%s)") \
X(T_EXPORT_BAD_DATE, "日期应为 YYYY-MM-DD，且起始不晚于截止", "Dates are YYYY-MM-DD, from not after to") \
X(T_EXPORT_BAD_FORMAT, "格式应为 html、pdf、xlsx、csv 或 md", "The format is html, pdf, xlsx, csv or md") \
X(T_EXPORT_RUN, "正在导出", "Exporting") \
X(T_EXPORT_REPLACE_Q, "文件 %s 已存在。替换它？ y/n", "%s exists. Replace it? y/n") \
X(T_EXPORT_DONE, "已导出 %d 份检查记录到 %s", "Exported (inspections: %d) to %s") \
X(T_RESUME_Q, "有未完成的检查：%s（%s）。继续？ y/n", "Unfinished inspection: %s (%s). Resume? y/n") \
X(T_DEMO_Q, "数据库是空的。载入演示数据？ y/n", "The database is empty. Load demo data? y/n") \
X(T_DEMO_RUN, "正在生成演示数据 %d/%d 天…", "Generating demo data, day %d of %d") \
X(T_DEMO_DONE, "演示数据已载入。", "Demo data loaded.") \
X(T_MARKETS_TITLE, "选择市场（Enter 开始检查）", "Choose a market (Enter starts an inspection)") \
X(T_MARKETS_EMPTY, "还没有市场。按 a 添加。", "No markets yet. Press a to add one.") \
X(T_MARKETS_KEYS, "Enter 开始  a 添加市场  e 修改  d 停用/启用  s 摊位登记  Esc 返回", "Enter start  a add market  e edit  d deactivate/reactivate  s stalls  Esc back") \
X(T_EDIT_MARKET, "修改市场", "Edit market") \
X(T_MARKET_SAVED, "市场已修改：%s", "Market saved: %s") \
X(T_MARKET_TAKEN, "市场“%s”（%s）已存在。", "Market %s (%s) already exists.") \
X(T_MARKET_ON, "市场已启用：%s", "Market reactivated: %s") \
X(T_MARKET_OFF, "市场已停用：%s（记录保留）", "Market deactivated: %s (its records are kept)") \
X(T_MARKET_INACTIVE, "这个市场已停用：按 d 重新启用后才能检查。", "This market is deactivated: press d to reactivate it first.") \
X(T_INACTIVE_MARK, "［停用］", "[inactive] ") \
X(T_NEW_MARKET, "新市场", "New market") \
X(T_F_NAME, "名称", "Name") \
X(T_F_DISTRICT, "区", "District") \
X(T_F_ADDRESS, "地址", "Address") \
X(T_F_CODE, "摊位号", "Code") \
X(T_F_VENDOR, "经营者", "Vendor") \
X(T_F_TYPE, "类别", "Type") \
X(T_F_NOTE, "备注", "Note") \
X(T_F_SPOTS, "问题处数", "Problem spots") \
X(T_F_POINTS, "本项得分", "Points for this item") \
X(T_F_JUMP, "跳到摊位号", "Jump to stall code") \
X(T_F_FILTER, "筛选（摊位号或类别）", "Filter (code or type)") \
X(T_FORM_KEYS, "Enter 确定  Tab 下一项  C-u 清空  Esc 取消", "Enter OK  Tab next field  C-u clear  Esc cancel") \
X(T_FORM_KEYS_QUIT, "Enter 确定  Tab 下一项  C-u 清空  Esc 退出（不保存）", "Enter OK  Tab next field  C-u clear  Esc quit (nothing saved)") \
X(T_TYPES_HINT, "类别：%s", "Types: %s") \
X(T_STALLS_TITLE, "摊位登记：%s", "Stall registry: %s") \
X(T_DRAFT_DISCARDED, "没有作答的新检查已删除。", "The new inspection had no answers and was removed.") \
X(T_FU_AMENDMENT, "更正记录不做回头看：复查结果留在被更正的原记录里。", "An amendment has no follow-up: those stay with the record it corrects.") \
X(T_FU_PENDING, "回头看：还有 %d 项整改未复查，按 b 复查。", "Follow-up: open rectifications not checked yet: %d; press b.") \
X(T_STALLS_EMPTY, "没有摊位。按 a 添加。", "No stalls. Press a to add one.") \
X(T_STALLS_KEYS, "a 添加  e 修改  d 停用/启用  / 筛选  i 显示停用  Esc 返回", "a add  e edit  d (de)activate  / filter  i inactive  Esc back") \
X(T_NEW_STALL, "新摊位", "New stall") \
X(T_STALL_OFF, "摊位已停用：%s（记录保留；按 i 显示停用的摊位）", "Stall deactivated: %s (records kept; i shows inactive stalls)") \
X(T_STALL_ON, "摊位已启用：%s", "Stall reactivated: %s") \
X(T_EDIT_STALL, "修改摊位", "Edit stall") \
X(T_INACTIVE, "停用", "inactive") \
X(T_SAVED, "已保存", "saved") \
X(T_SPOTS_FAIL_ONLY, "问题处数只记在不合格的项目上。", "Problem spots go with a failed item.") \
X(T_NO_NA, "%s 不能选“不适用”：这一项每个市场都要检查。", "%s cannot be n/a: every market is checked on it.") \
X(T_NO_PARTIAL, "%s 不能选“基本符合”：检查表没有为这一项设定部分分。", "%s has no partial answer: the checklist gives it no share of its points.") \
X(T_NO_NOTOBS, "%s 不能选“未观察”：这一项必须当场查看。", "%s cannot be 'not observed': it must be checked on the spot.") \
X(T_UNKNOWN_TYPE, "没有这个类别：%s（可填：%s）", "No stall type '%s' (one of: %s)") \
X(T_CODE_TAKEN, "摊位号 %s 在本市场已存在。", "Stall code %s already exists in this market.") \
X(T_NOT_SAVED, "未保存：%s", "NOT SAVED: %s") \
X(T_MARKET_ADDED, "市场已添加：%s", "Market added: %s") \
X(T_STALL_ADDED, "摊位已添加：%s", "Stall added: %s") \
X(T_STALL_SAVED, "摊位已修改：%s", "Stall changed: %s") \
X(T_MARKET_LINE, "市场 %s", "Market %s") \
X(T_AREA_LINE, "全场项目 · %s", "Market-wide · %s") \
X(T_STALL_LINE, "摊位 %s · %s · %s", "Stall %s · %s · %s") \
X(T_UNIT_POS, "第 %d/%d 处", "place %d/%d") \
X(T_PROGRESS, "本处 %d/%d  全场项目 %d/%d  摊位完成 %d/%d", "here %d/%d  market items %d/%d  stalls done %d/%d") \
X(T_SCORE_STALL, "摊位得分 %s %s", "stall %s %s") \
X(T_SCORE_MARKET, "市场得分 %s %s", "market %s %s") \
X(T_CRITICAL_N, "重大问题 %d", "critical %d") \
X(T_K_PASS, "合格", "pass") \
X(T_K_FAIL, "不合格", "fail") \
X(T_K_NA, "不适用", "n/a") \
X(T_K_NOTOBS, "未观察", "not obs") \
X(T_K_PARTIAL, "基本符合", "partial") \
X(T_K_CORRECTED, "当场整改", "corrected") \
X(T_WALK_ANSWERS, "本检查表的答案：", "This checklist's answers:") \
X(T_K_POINTS, "0-%d打分", "0-%d points") \
X(T_K_NOTE, "备注", "note") \
X(T_K_SPOTS, "处数", "spots") \
X(T_K_UNDO, "撤销", "undo") \
X(T_K_NEXT, "下一处", "next") \
X(T_K_JUMP, "跳转", "jump") \
X(T_K_ADD, "加摊", "add") \
X(T_K_FOLLOWUP, "回头看", "follow-up") \
X(T_K_PHOTO, "照片", "photo") \
X(T_PHOTO_MARK, "照%d ", "ph%d ") \
X(T_PHOTO_TITLE, "%s 附照片：导入文件夹 %s（最新在上）", "Photo for %s: import folder %s (newest first)") \
X(T_PHOTO_KEYS, "Enter 附上所选  Esc 返回  JPEG/PNG，每张不超过 %d MB", "Enter attach the one selected  Esc back  JPEG/PNG, at most %d MB each") \
X(T_PHOTO_TYPE, "输入照片文件路径…", "Type a photo file's path...") \
X(T_PHOTO_NODIR, "未设置导入文件夹（stallcheck.ini 的 [photos] import_dir）", "No import folder set ([photos] import_dir in stallcheck.ini)") \
X(T_PHOTO_DIRBAD, "导入文件夹打不开：%s", "The import folder cannot be read: %s") \
X(T_F_PHOTO_PATH, "照片文件", "Photo file") \
X(T_PHOTO_ADDED, "%s 已附照片 %.12s…（本项共 %d 张）", "%s photo %.12s... attached (%d on this item)") \
X(T_PHOTO_NOT, "照片未附上：%s", "Photo not attached: %s") \
X(T_PHOTO_ANSWER_FIRST, "请先给出结论，再附照片。", "Give a verdict first, then attach a photo.") \
X(T_ACK_TITLE, "市场开办方确认（签字）", "The market operator's acknowledgement") \
X(T_ACK_HINT, "开办方负责人姓名与意见随记录封存，印在整改通知书上。开办方不在场：姓名留空，回车后按 y 确认。", "The operator's name and statement are sealed with the record and printed on the notice. Operator not present: leave the name empty, Enter, then y.") \
X(T_F_OPERATOR, "开办方姓名", "Operator's name") \
X(T_F_STATEMENT, "开办方意见（可不填）", "Statement (optional)") \
X(T_ACK_ABSENT_Q, "开办方不在场：记为“开办方不在场”并定稿？(y/n)", "Record \"operator not present\" and finalize? (y/n)") \
X(T_ACK_NAME_FIRST, "有意见时请填写开办方姓名。", "A statement needs the operator's name.") \
X(T_K_FINALIZE, "定稿", "finalize") \
X(T_K_HELP, "帮助", "help") \
X(T_MORE_ABOVE, "^ 上面还有 %d 项", "^ %d more above") \
X(T_MORE_BELOW, "v 下面还有 %d 项", "v %d more below") \
X(T_GRADED_MARK, "#", "#") \
X(T_DETAIL_TITLE, "%s %s · 备注与问题处数（都可留空）", "%s %s · note and problem spots (both may stay empty)") \
X(T_NOTE_TITLE, "%s %s · 备注", "%s %s · note") \
X(T_KEY_UNUSED, "按键 %s 在这里没有作用，什么也没改（%s 查看按键）。", "Key %s does nothing here; nothing changed (%s lists the keys).") \
X(T_RETURNED_WHY, "已被 %s 退回：%s（按 A 建立更正记录）", "Returned by %s: %s (press A to amend)") \
X(T_READONLY, "已定稿，只读。按 A 建立更正记录。", "Final record: read only. Press A to amend.") \
X(T_AMEND_Q, "为这份已定稿的记录建立更正记录？ y/n", "Create an amendment of this final record? y/n") \
X(T_AMENDED, "已建立更正记录，可修改。", "Amendment created; it can be edited.") \
X(T_AMEND_OPEN, "这份记录已有未完成的更正记录，已打开它。", "This record already has an amendment in progress; opened it.") \
X(T_ANSWER_FIRST, "请先给出结论，再加备注或处数。", "Give a verdict first, then a note or spots.") \
X(T_NOT_POINTS, "%s 只有合格/不合格，不能打分：按 %s 或 %s。什么也没改，光标未动。", "%s is pass/fail, it takes no points: press %s or %s. Nothing changed, the cursor stayed.") \
X(T_POINTS_RANGE, "分数超出范围：本项 0..%d 分。", "Points out of range: this item takes 0..%d.") \
X(T_SPOTS_BAD, "问题处数应为 0..9999 的整数。", "Problem spots must be a whole number 0..9999.") \
X(T_NOTHING_UNDO, "没有可撤销的答案。", "Nothing to undo.") \
X(T_UNDONE, "已撤销 %s", "Undone: %s") \
X(T_NO_STALL_CODE, "没有摊位号为 %s 的摊位。", "No stall with code %s.") \
X(T_LAST_STALL, "上次 %s：%s %s", "last %s: %s %s") \
X(T_LAST_MARKET, "上次全场 %s：%s %s", "last market %s: %s %s") \
X(T_LAST_NONE, "上次：无", "no earlier visit") \
X(T_REPEAT_N, "重复 %d", "repeat %d") \
X(T_RECT_OPEN, "未结整改 %s（期限 %s%s）：%s", "open rectification %s (due %s%s): %s") \
X(T_RECT_OVERDUE, "逾期整改 %s（期限 %s%s）：%s", "OVERDUE rectification %s (due %s%s): %s") \
X(T_LAST_COL, "上次检查 %s", "last visit %s") \
X(T_RECT_MORE, "…还有 %d 项未结整改（%s 回头看）", "... %d more open rectifications (%s follow-up)") \
X(T_FIND_TITLE, "查找摊位：%s_", "Find a stall: %s_") \
X(T_FIND_KEYS, "输入即查找  Up/Down 选择  Enter 跳到第一个未检查项  Esc 取消", "type to search  Up/Down choose  Enter go to the first unanswered item  Esc cancel") \
X(T_FIND_NONE, "没有符合的摊位。", "No stall matches.") \
X(T_FIND_COUNT, "%d 个摊位（按摊位号、经营者、类别查找，可用拼音或首字母）", "%d stalls (by code, vendor, type; pinyin or its initials)") \
X(T_FIND_TODO, "未检查", "not yet") \
X(T_FIND_PART, "已查 %d/%d", "%d/%d answered") \
X(T_FIND_DONE, "已完成", "done") \
X(T_LEAVE_Q, "%s 还有 %d 项未检查，仍然离开？ y/n", "%s has %d items unanswered. Leave anyway? y/n") \
X(T_DONE_AREA, "本区域已全部检查，按 %s 到下一区域：%s。", "All items here answered; %s for the next area: %s.") \
X(T_DONE_STALL, "本处已全部检查，按 %s 到下一摊位：%s。", "All items here answered; %s for the next stall: %s.") \
X(T_DONE_LAST, "本处已全部检查，这是最后一处：按 %s 定稿。", "All items here answered, the last place; %s to finalize.") \
X(T_AUTO_ON, "自动跳到下一项：开", "Auto advance: on") \
X(T_AUTO_OFF, "自动跳到下一项：关", "Auto advance: off") \
X(T_FIN_TITLE, "定稿：%s", "Finalize: %s") \
X(T_FIN_SCORE, "得分 %s   等级 %s   重大问题 %d", "Score %s   band %s   critical failures %d") \
X(T_FIN_COUNTS, "已检摊位 %d   未答项目 %d", "Stalls visited %d   unanswered items %d") \
X(T_FIN_BYCAT, "不合格项（按类别）：", "Failed items by category:") \
X(T_FIN_CRIT, "重大问题：", "Critical failures:") \
X(T_FIN_KEYS, "y 确认定稿（定稿后只读）  Esc 返回检查", "y confirm (the record becomes read only)  Esc back to the walk") \
X(T_FIN_DONE, "已定稿：得分 %s %s", "Finalized: score %s %s") \
X(T_FIN_GAPS, "未答项目（%d）：", "Unanswered items (%d):") \
X(T_FIN_WHOLE, "全场", "whole market") \
X(T_FIN_GAP_CRIT, "有 %d 项重大项目未答（见下方列表），答完才能定稿。", "%d critical items are unanswered (listed below): answer them before finalizing.") \
X(T_FIN_FOLLOWUP, "回头看：%d 项已整改、%d 项未整改，定稿后生效。", "Follow-up: %d fixed, %d not fixed; they take effect when this is finalized.") \
X(T_TYPE_KEPT, "按检查时的类别“%s”评分（摊位登记现为“%s”）；要按新类别检查，请另开一次检查。", "Scored as inspected, %s (the stall list now says %s); start another inspection to inspect it as the new type.") \
X(T_BASIS, "依据：%s", "Basis: %s") \
X(T_FIN_ALREADY, "这份记录已定稿。", "This record is already final.") \
X(T_WALK_DIGITS, "0-9 按分数作答：只用于标 # 的打分项（10 分及以上的项目打开小窗）", "0-9 answer by points, on graded items (marked #) only (items worth 10 or more open a small form)") \
X(T_HELP_CUT, "……还有 %d 项未显示（请放大终端窗口）", "... %d more not shown (enlarge the terminal)") \
X(T_HELP_TITLE, "按键（任意键关闭）", "Keys (any key closes)") \
X(T_FIELD_TOO_LONG, "%s太长：最多 %d 字节（约 %d 个汉字）。", "%s is too long: at most %d bytes (about %d Chinese characters).") \
X(T_NOTE_FULL, "备注已满（最多 %d 个字），后面的字没有输入。", "The note is full (at most %d characters); the rest was not typed.") \
X(T_CTRL_KEY, "控制字符不能输入，已忽略。", "Control characters cannot be typed; ignored.") \
X(T_PASTE_NOWHERE, "粘贴的内容没有使用：只有输入栏接受粘贴，粘贴不会当作按键。", "The paste was not used: only an input field takes a paste, never as keys.") \
X(T_PASTE_CTRL, "粘贴内容中的控制字符已去掉：%d 个。", "Control characters removed from the paste: %d.") \
X(T_FIELD_FULL, "此栏已满（最多 %d 字节，约 %d 个汉字），后面的字没有输入。", "This field is full (at most %d bytes, about %d Chinese characters); the rest was not typed.") \
X(T_QUIT_HINT, "这是首页。按 q 退出（所有答案都已保存）。", "This is the home screen. Press q to quit (every answer is saved).") \
X(T_BAD_INPUT, "输入不是 UTF-8 编码，已忽略（请把终端设为 UTF-8）。", "Input that is not UTF-8 was ignored (set the terminal to UTF-8).") \
X(T_LOCALE_FAIL, "字符集 %s 不是 UTF-8，且无法切换到 C.UTF-8：无法显示中文，改用英文。", "Codeset %s is not UTF-8 and C.UTF-8 is unavailable: Chinese cannot be shown, using English.") \
X(T_TEMPLATE_BAD, "检查表模板有错误：%s", "The checklist template has errors: %s") \
X(T_V_NONE, "--", "--") \
X(T_V_PASS, "合格", "pass") \
X(T_V_FAIL, "不合格", "FAIL") \
X(T_V_NA, "不适用", "n/a") \
X(T_V_NO, "未观察", "no obs") \
X(T_V_CORRECTED, "当场改", "COS") \
X(T_V_PARTIAL, "基本符合", "partial") \
X(T_CRIT_MARK, "重大", "CRIT") \
X(T_OTHER_AREA, "其他", "other") \
X(T_SPOTS_N, "问题%d处", "spots: %d") \
X(T_NO_MARKETS_SEL, "请先选择一个市场。", "Choose a market first.")

enum text_id {
#define TX_ENUM(id, zh, en) id,
	TEXT_TABLE(TX_ENUM)
#undef TX_ENUM
	T_COUNT
};

/* Language of tx(): enum cl_lang. */
void text_set_lang(int lang);
int text_lang(void);
/* The string in the current language (static). */
const char *tx(int id);
/* snprintf with the string as format; returns out. */
char *txf(char *out, size_t outsz, int id, ...);

/* Display name of an inspection status code, of a verdict (enum verdict). */
const char *text_status(const char *st);
const char *text_verdict(int v);
/* The answer as the template labels it ([labels]), else text_verdict. */
const char *text_answer(const struct checklist *cl, int v);

#endif
