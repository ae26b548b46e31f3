package main

// emailChannel builds the email channel: IMAP pollers in, SMTP out.
func emailChannel(d *channelDeps) (channelParts, error) {
	return channelParts{}, nil
}
