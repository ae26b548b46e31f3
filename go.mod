module github.com/rapport-crm/rapport

go 1.26.8

require (
	github.com/nyaruka/phonenumbers v1.8.1
	golang.org/x/crypto v0.58.0
)

require (
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	google.golang.org/protobuf v1.36.11 // indirect
)
