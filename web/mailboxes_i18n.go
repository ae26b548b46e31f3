package web

import "maps"

// The mailbox pages' strings (see mailboxes_page.go).
func init() { maps.Copy(messages, mailboxMessages) }

var mailboxMessages = map[string]struct{ en, zh string }{
	"mailboxes.title":     {"Mailboxes", "邮箱账户"},
	"mailboxes.none":      {"No mailboxes yet. Add the account your customers write to.", "还没有邮箱账户。请添加客户来信的邮箱。"},
	"mailboxes.deleted":   {"The mailbox was removed. Its messages stay.", "邮箱已移除，已收取的邮件保留。"},
	"mailboxes.state":     {"Sync", "同步状态"},
	"mailboxes.progress":  {"Stored / left to fetch", "已收取 / 待收取"},
	"mailboxes.last_sync": {"Last sync", "上次同步"},
	"mailboxes.never":     {"never", "从未"},
	"mailboxes.disabled":  {"disabled", "已停用"},
	"mailboxes.last_err":  {"Last error", "最近错误"},
	"mailboxes.dups":      {"seen again", "重复"},
	"mailbox.new":         {"Add a mailbox", "添加邮箱"},
	"mailbox.imap":        {"Receiving (IMAP)", "收信（IMAP）"},
	"mailbox.signin":      {"Sign-in", "登录凭据"},
	"mailbox.signin_help": {"Passwords and tokens are never shown again. Leave a field empty to keep what is stored. Gmail and Microsoft 365 need OAuth2 (XOAUTH2).", "密码和令牌保存后不再显示；留空则保持不变。Gmail 和 Microsoft 365 需使用 OAuth2（XOAUTH2）。"},
	"mailbox.smtp":        {"Sending (SMTP)", "发信（SMTP）"},
	"mailbox.smtp_help":   {"SMTP user and password: the IMAP ones when left empty.", "SMTP 用户名和密码留空时使用 IMAP 的。"},
	"mailbox.status":      {"Status", "状态"},
	"mailbox.delete_help": {"Rapport stops reading and sending with this account. Its messages stay in the inbox.", "Rapport 将停止通过此账户收发邮件。已收取的邮件保留在收件箱中。"},

	"mailbox.state.idle":        {"Up to date", "已同步"},
	"mailbox.state.syncing":     {"Syncing", "同步中"},
	"mailbox.state.error":       {"Error, retrying", "出错，正在重试"},
	"mailbox.state.not_started": {"Not started", "未开始"},

	"field.mb_address":          {"From address", "发件地址"},
	"field.enabled":             {"Read and send with this account", "启用此账户收发邮件"},
	"field.imap_host":           {"IMAP server", "IMAP 服务器"},
	"field.imap_port":           {"IMAP port", "IMAP 端口"},
	"field.imap_security":       {"IMAP security", "IMAP 加密方式"},
	"field.username":            {"User name", "用户名"},
	"field.folders":             {"Folders to read (one per line; empty: INBOX)", "收取的文件夹（每行一个；留空：INBOX）"},
	"field.sent_folder":         {"Keep a copy of replies in folder", "回复副本保存到文件夹"},
	"field.sync_days":           {"First sync: mail of the last … days", "首次同步最近…天的邮件"},
	"field.auth":                {"Sign in with", "登录方式"},
	"field.password":            {"Password", "密码"},
	"field.oauth_token":         {"OAuth2 access token", "OAuth2 访问令牌"},
	"field.oauth_refresh_token": {"OAuth2 refresh token", "OAuth2 刷新令牌"},
	"field.oauth_token_url":     {"OAuth2 token URL", "OAuth2 令牌地址"},
	"field.oauth_client_id":     {"OAuth2 client ID", "OAuth2 客户端 ID"},
	"field.oauth_client_secret": {"OAuth2 client secret", "OAuth2 客户端密钥"},
	"field.smtp_host":           {"SMTP server", "SMTP 服务器"},
	"field.smtp_port":           {"SMTP port", "SMTP 端口"},
	"field.smtp_security":       {"SMTP security", "SMTP 加密方式"},
	"field.smtp_username":       {"SMTP user name", "SMTP 用户名"},
	"field.smtp_password":       {"SMTP password", "SMTP 密码"},
	"field.reply_token_address": {"Reply-To with a plus address (local+rpt-…@domain)", "Reply-To 使用加号地址（local+rpt-…@domain）"},

	"opt.imap_security.tls":      {"TLS (port 993)", "TLS（端口 993）"},
	"opt.imap_security.starttls": {"STARTTLS (port 143)", "STARTTLS（端口 143）"},
	"opt.imap_security.none":     {"None (local tests only)", "不加密（仅限本地测试）"},
	"opt.smtp_security.tls":      {"TLS (port 465)", "TLS（端口 465）"},
	"opt.smtp_security.starttls": {"STARTTLS (port 587)", "STARTTLS（端口 587）"},
	"opt.smtp_security.none":     {"None (local tests only)", "不加密（仅限本地测试）"},
	"opt.auth.password":          {"Password", "密码"},
	"opt.auth.xoauth2":           {"OAuth2 (XOAUTH2)", "OAuth2（XOAUTH2）"},
}
