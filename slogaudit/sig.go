package slogaudit

import "encoding/base64"

func encodeSig(sig []byte) string { return base64.StdEncoding.EncodeToString(sig) }
