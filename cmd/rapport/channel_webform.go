package main

// webformChannel builds the web-form channel: the capture endpoint and the hosted form page.
func webformChannel(d *channelDeps) (channelParts, error) {
	return channelParts{}, nil
}
