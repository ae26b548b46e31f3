package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/rapport-crm/rapport/crm"
)

// wechat dispatches the WeChat account subcommands.
func (c *cli) wechat(ctx context.Context, args []string) error {
	return c.group(ctx, "wechat", args, []subcommand{{"add", (*cli).wechatAdd}, {"list", (*cli).wechatList}})
}

// wechatAdd stores an official account. The secrets come from the
// environment, never from flags (which other users see in ps).
func (c *cli) wechatAdd(ctx context.Context, args []string) error {
	a := &crm.WeChatAccount{}
	cfg, log, err := c.storageCommand("wechat add", args, func(fs *flag.FlagSet, _ *Config) {
		fs.StringVar(&a.AppID, "app-id", "", "the account's `AppID` (required); its callback is /wechat/AppID")
		fs.StringVar(&a.Name, "name", "", "a `name` to recognise the account by")
		fs.StringVar(&a.Mode, "mode", crm.WeChatSafe, "message `mode`: plain, compatible or safe")
		fs.StringVar(&a.APIBase, "api-base", "", "WeChat API base `URL` (default https://api.weixin.qq.com)")
	})
	if err != nil {
		return err
	}
	a.AppSecret = os.Getenv("RAPPORT_WECHAT_APP_SECRET")
	a.Token = os.Getenv("RAPPORT_WECHAT_TOKEN")
	a.EncodingAESKey = os.Getenv("RAPPORT_WECHAT_AES_KEY")
	db, _, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.CreateWeChatAccount(ctx, a); err != nil {
		return describe(err, "add WeChat account "+a.AppID+
			" (secrets come from RAPPORT_WECHAT_APP_SECRET, RAPPORT_WECHAT_TOKEN, RAPPORT_WECHAT_AES_KEY)")
	}
	log.Info("WeChat account added", "account", a)
	fmt.Fprintf(c.stdout, "WeChat account %s added; set its server URL to https://YOUR-HOST/wechat/%s\n", a.AppID, a.AppID)
	return nil
}

// wechatList prints the accounts, without their secrets.
func (c *cli) wechatList(ctx context.Context, args []string) error {
	db, err := c.listStore(ctx, "wechat list", args)
	if err != nil {
		return err
	}
	defer db.Close()
	as, err := db.WeChatAccounts(ctx)
	if err != nil {
		return describe(err, "list WeChat accounts")
	}
	for _, a := range as {
		var ts []string
		for p := range a.Templates {
			ts = append(ts, p)
		}
		sort.Strings(ts)
		fmt.Fprintf(c.stdout, "%s\t%s\t%s\ttemplates: %s\n", a.AppID, a.Mode, a.Name, strings.Join(ts, ","))
	}
	return nil
}
