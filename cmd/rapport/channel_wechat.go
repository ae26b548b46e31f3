package main

// wechatChannel builds the WeChat channel: the callback in, the official-account API out.
func wechatChannel(d *channelDeps) (channelParts, error) {
	return channelParts{}, nil
}
