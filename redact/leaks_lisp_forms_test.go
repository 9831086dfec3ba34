package redact_test

import "testing"

// TestLispSettersAndKeywordsMasked: the value that a Lisp form sets in a
// place, a variable, a hash table or an association list named by a
// secret's key, and a keyword argument's value.
func TestLispSettersAndKeywordsMasked(t *testing.T) {
	requireTextCases(t, nil, []textCase{
		{"setf gethash", `(setf (gethash "api_key" cfg) "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, []string{`gethash \"api_key\" cfg`}},
		{"setf gethash keyword", `(setf (gethash :secret tbl) "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"setf getf", `(setf (getf conn-opts :passwd) "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"setf slot-value", `(setf (slot-value client 'access-token) "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"setf bare value", `(setf (gethash "token" h) Hy4Nw9Pc2Zs7)`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"puthash", `(puthash "client-secret" "Hy4Nw9Pc2Zs7" settings)`, []string{"Hy4Nw9Pc2Zs7"}, []string{"settings"}},
		{"defvar earmuffs", `(defvar *db-password* "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"defparameter", `(defparameter *slack-token* "Hy4Nw9Pc2Zs7" "bot token")`, []string{"Hy4Nw9Pc2Zs7"}, []string{"bot token"}},
		{"defconstant pluses", `(defconstant +api-key+ "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"setq pairs", `(setq user "ops" password "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, []string{`\"ops\"`}},
		{"scheme hash-set", `(hash-set! env 'secret "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"guile assoc-set", `(assoc-set! creds "passphrase" "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"clojure assoc", `(assoc req :auth-token "Hy4Nw9Pc2Zs7")`, []string{"Hy4Nw9Pc2Zs7"}, nil},
		{"keyword arguments", `(postmodern:connect "orders" "app" :password "Hy4Nw9Pc2Zs7" :host "db")`, []string{"Hy4Nw9Pc2Zs7"}, []string{`:host \"db\"`}},
	})
	requireTextKept(t, nil, []string{
		`(gethash "password" h)`,
		`(setf (gethash "retries" h) "three-times")`,
		`(defvar *token-count* 42)`,
		`(connect :host "db" :port 5432)`,
		`(setf (gethash "password" h) (read-secret))`,
	})
}
