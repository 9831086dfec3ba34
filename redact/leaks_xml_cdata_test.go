package redact_test

import "testing"

// TestXMLCDATAValuesMasked: an element's text written as a CDATA section
// (SOAP bodies, Maven and Hadoop configuration, .NET settings) is masked
// up to its "]]>", whatever the section holds.
func TestXMLCDATAValuesMasked(t *testing.T) {
	requireWholeCases(t, nil, []textCase{
		{"element", "<dbPassword><![CDATA[Lw4Rn7Xc2Vp9]]></dbPassword>", []string{"Lw4Rn7Xc2Vp9"}, []string{"<dbPassword><![CDATA[", "]]></dbPassword>"}},
		{"namespaced element with spaces inside", "<wsse:Password><![CDATA[blue Horse 42 staple]]></wsse:Password>", []string{"blue Horse 42 staple"}, []string{"</wsse:Password>"}},
		{"section on its own line", "<apiToken>\n    <![CDATA[Fy8Kd3Mq6Tz1Hb]]>\n</apiToken>", []string{"Fy8Kd3Mq6Tz1Hb"}, []string{"</apiToken>"}},
		{"section holding markup", "<secret><![CDATA[Gp5<Jw2&Nu7>]]></secret>", []string{"Gp5", "Jw2&Nu7"}, nil},
		{"entry named by a key attribute", `<entry key="smtp.password"><![CDATA[Zk3Vb8Qr1Lm6]]></entry>`, []string{"Zk3Vb8Qr1Lm6"}, nil},
		{"value named by a name element", "<property><name>hive.metastore.password</name><value><![CDATA[Ce9Ht4Wy7Ja2]]></value></property>", []string{"Ce9Ht4Wy7Ja2"}, []string{"<name>hive.metastore.password</name>"}},
		{"unclosed section", "<token><![CDATA[Xs2Pf7Ld4Nq9", []string{"Xs2Pf7Ld4Nq9"}, nil},
	})
	requireWholeKept(t, nil, []string{
		"<description><![CDATA[rotate the token monthly]]></description>",
		"<password><![CDATA[]]></password>",
		"<tokenCount><![CDATA[42]]></tokenCount>",
	})
}
