package redact

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
	"unsafe"
)

// keyVerdict is what a Redactor decided about one key, once.
type keyVerdict struct {
	rule     string     // the rule that masks values under the key; "" when none
	allowed  bool       // on the allow-list: never masked by key or path
	noCards  bool       // the key names a number that is no card (msisdn, id, timestamp)
	region   bool       // the key is a location: cloud region names under it are kept
	netAddr  bool       // the key is an address or a location alone: network addresses, URLs and paths under it are kept
	noDigits bool       // the key's term is "card" or "pin" alone: a value without digits under it is kept
	latency  bool       // the key's term is lat, lon or lng: a duration under it is kept
	workDir  bool       // the key is PWD alone: an absolute path under it is the working directory
	named    bool       // the key's term is "secret id": a secret's name or ARN under it is kept (AWS's SecretId)
	signal   bool       // the key's term is "sig" alone: a signal's name under it is kept (sig=SIGTERM)
	tables   bool       // the key's last word is "maps": Postfix's lookup tables under it are kept (hash:/etc/postfix/sasl_passwd)
	routing  bool       // the key's term is "routing key": only a PagerDuty integration key under it is masked (a queue's routing key is kept)
	dated    bool       // a word of time follows the key's term (auth_date, secret_rotated_on): a number or a timestamp under it is kept
	version  bool       // the key's last word names a version, or its number (app_version, buildNumber): a dotted quad alone under it is no IP address
	key      string     // the key to write when the key itself is a secret or personal data
	keyBy    string     // the detector that found something in the key
	vendor   *vendorKey // the key names a vendor (cloudflare, TF_VAR_datadog): a value of its secret's shape under it is masked
}

// plainKey is the verdict of every key with nothing to say, shared so that
// judging it allocates nothing.
var plainKey = &keyVerdict{}

// keyCache remembers verdicts. Constant keys are answered lock-free by
// address (fast); others take a read lock; a new key costs one insertion,
// so a record with many distinct keys costs time linear in its keys. At most maxCachedKeys are kept: later keys are judged each time
// they are seen, so memory stays bounded whatever the keys are.
type keyCache struct {
	mu   sync.RWMutex
	m    map[string]*keyVerdict
	fast [512]atomic.Pointer[keySlot]
}

const maxCachedKeys = 16384

// keySlot is one entry of the address-indexed cache. It holds the key
// itself: an address alone could be reused by another key after the first
// is freed, and a stale verdict would leak.
type keySlot struct {
	key   string
	v     *keyVerdict
	plain bool // v masks nothing by itself: no rule, key written as it is, no vendor
}

// verdict returns the verdict for key, from the cache when it can. key
// may be part of a longer text: the cache keeps a copy. A piece of text
// longer than maxTextKey is no key: it is not judged (judging a key
// searches it, and a search judges the keys in it, so text that repeats a
// naming key would be judged again for every suffix) nor remembered.
func (r *Redactor) verdict(key string) *keyVerdict {
	if len(key) > maxTextKey {
		// Its last words (those that say what a key names: a term, or
		// the words of metadata after one) are judged as a key's words
		// are, but not searched (a key's search judges the keys in it,
		// which would judge every suffix of text repeating a key) nor
		// remembered.
		return r.judgeKeyWords(key[len(key)-maxTextKey:], false)
	}
	return r.cachedVerdict(key, true)
}

// maxTextKey is the longest piece of text judged as a key; it is far
// longer than any key that names a secret.
const maxTextKey = 256

// ownVerdict is verdict for a key that is a string of its own (an attr or
// map key), which the cache may keep as it is.
func (r *Redactor) ownVerdict(key string) *keyVerdict { return r.cachedVerdict(key, false) }

func (r *Redactor) cachedVerdict(key string, clone bool) *keyVerdict {
	r.keys.mu.RLock()
	v, ok := r.keys.m[key]
	r.keys.mu.RUnlock()
	if ok {
		return v
	}
	v = r.judgeKey(key)
	r.keys.mu.Lock()
	if r.keys.m == nil {
		r.keys.m = make(map[string]*keyVerdict)
	}
	if len(r.keys.m) < maxCachedKeys && len(key) <= maxTextKey {
		if clone {
			key = strings.Clone(key)
		}
		r.keys.m[key] = v
	}
	r.keys.mu.Unlock()
	return v
}

// fastVerdict returns verdict(key) from a direct-mapped cache indexed by the
// address of the key's bytes: keys are mostly string constants, so most
// lookups are one atomic load and one string compare that stops at equal
// addresses, from any goroutine.
func (r *Redactor) fastVerdict(key string) *keyVerdict {
	v, _ := r.fastVerdictPlain(key)
	return v
}

// fastVerdictPlain is fastVerdict that also reports whether the verdict
// masks nothing by itself (see [keyVerdict.plain]), remembered with it.
func (r *Redactor) fastVerdictPlain(key string) (*keyVerdict, bool) {
	p := unsafe.StringData(key)
	if p == nil {
		v := r.ownVerdict(key)
		return v, v.plain()
	}
	h := (uint64(uintptr(unsafe.Pointer(p))) ^ uint64(len(key))<<48) * 0x9E3779B97F4A7C15 // Fibonacci hashing
	slot := &r.keys.fast[h>>(64-9)]                                                       // 2^9 == len(fast)
	s := slot.Load()
	// The slot holds its key, so the key's bytes cannot be freed and
	// reused for another string while it is there: the same address and
	// length are the same key, tested without a call.
	if s != nil && (unsafe.StringData(s.key) == p && len(s.key) == len(key) || s.key == key) {
		return s.v, s.plain
	}
	v := r.ownVerdict(key)
	if s == nil { // first come, first served: a colliding key uses the map
		slot.CompareAndSwap(nil, &keySlot{key: key, v: v, plain: v.plain()})
	}
	return v, v.plain()
}

// plain reports whether v masks nothing by itself: no rule masks values
// under its key, the key is written as it is, and it names no vendor.
func (v *keyVerdict) plain() bool {
	return v.rule == "" && v.key == "" && v.vendor == nil
}

// keyRule returns the name of the rule that makes key sensitive, or "".
func (r *Redactor) keyRule(key string) string { return r.verdict(key).rule }

// maxWords is how many words of a key judgeKey holds without allocating;
// a longer key is judged whole all the same (a term after the limit must
// not let its value through).
const maxWords = 32

// judgeKey decides about key: allow-list, terms (whole words, with
// metadata words), and the detectors run on the key itself. A key that
// names nothing as written is judged again as its reader sees it
// (unmangle): pаssword with a Cyrillic а, pass\u200bword, ｔｏｋｅｎ.
func (r *Redactor) judgeKey(key string) *keyVerdict {
	v := r.judgeKeyWords(key, true)
	if v.rule == "" && mayBeGarbled(key) {
		if seen, _ := unmangle(key); seen != key {
			if sv := r.judgeKeyWords(seen, true); sv.rule != "" {
				return sv
			}
		}
	}
	if v.rule == "" && !v.allowed && v.vendor == nil && r.sqlRule != "" && isBareKey(key) {
		c := *v
		c.vendor = bareKeyVendor // key: a random-looking value under it is masked
		return &c
	}
	if v.rule == "" && !v.allowed && r.tokens {
		if vk := vendorOfKey(key); vk != nil {
			c := *v
			c.vendor = vk
			return &c
		}
	}
	if v.rule == "" && !v.allowed && v.vendor == nil && len(key) <= 40 && r.hasDetector(DetectPhone.Name) && isKeyName(key) && phoneKeyName(key) {
		c := *v
		c.vendor = phoneKeyVendor // gsm, portable: a national number under it is masked
		return &c
	}
	return v
}

// hasDetector reports whether r runs the detector named name.
func (r *Redactor) hasDetector(name string) bool {
	for i := range r.detectors {
		if r.detectors[i].Name == name {
			return true
		}
	}
	return false
}

// isKeyName reports whether k is a key's name of ASCII letters, digits,
// '_', '-' and '.', starting with a letter.
func isKeyName(k string) bool {
	if k == "" || !isLetter(k[0]) {
		return false
	}
	for i := 1; i < len(k); i++ {
		if c := k[i]; !isAlnum(c) && c != '_' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// vendorMasks reports whether v, under a key with verdict kv, is a
// secret of the vendor the key names: a string of that vendor's shape,
// whole; under a bare key, a random-looking string (randomKeyValue).
func vendorMasks(kv *keyVerdict, v slog.Value) bool {
	if kv.vendor == bareKeyVendor {
		return v.Kind() == slog.KindString && randomKeyValue(v.String())
	}
	if kv.vendor == phoneKeyVendor {
		switch v.Kind() {
		case slog.KindString:
			return phoneKeyValue(v.String())
		case slog.KindInt64: // gsm=32470123456: a number logged as an integer
			var buf [20]byte
			return phoneKeyValue(string(strconv.AppendInt(buf[:0], v.Int64(), 10)))
		case slog.KindUint64:
			var buf [20]byte
			return phoneKeyValue(string(strconv.AppendUint(buf[:0], v.Uint64(), 10)))
		}
		return false
	}
	return kv.vendor != nil && v.Kind() == slog.KindString && kv.vendor.masks(v.String())
}

// judgeKeyWords is judgeKey; with search false it leaves out the search
// of the key's text by the detectors and pairs (which finds a key that is
// itself a secret or personal data, and judges the keys inside it).
func (r *Redactor) judgeKeyWords(key string, search bool) *keyVerdict {
	var (
		lowerBuf [256]byte
		boundBuf [maxWords][2]int
		joined   [128]byte
	)
	lower := lowerBuf[:0]
	if len(key) <= len(lowerBuf) && isASCII(key) { // else strings.ToLower, as New does for Allow
		for i := 0; i < len(key); i++ {
			c := key[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			lower = append(lower, c)
		}
	} else {
		lower = []byte(strings.ToLower(key))
	}
	if len(lower) != len(key) { // a non-ASCII upper case, or invalid UTF-8, changed the length
		lower = append(lower[:0], key...)
		for i, c := range lower { // fold the ASCII letters at least: PASSWORD_\x80
			if c >= 'A' && c <= 'Z' {
				lower[i] = c + 'a' - 'A'
			}
		}
	}
	var v keyVerdict
	if r.allow[string(lower)] {
		v.allowed = true
		return r.keepVerdict(v)
	}
	words := wordBounds(key, boundBuf[:0])
	word := func(i int) []byte { return lower[words[i][0]:words[i][1]] }
	described := false         // a term was followed by a word that describes it: card_last4
	meta := func(i int) bool { // a metadata word (card_last4), also numbered: token_count2
		w := word(i)
		if r.metadata[string(w)] || machineryWords[string(w)] {
			return true
		}
		for len(w) > 1 && isDigit(w[len(w)-1]) {
			w = w[:len(w)-1]
		}
		return len(w) < len(word(i)) && (r.metadata[string(w)] || machineryWords[string(w)])
	}
	if n := len(words); n > 0 && (versionKeyWord(word(n-1)) || n > 1 && versionKeyWord(word(n-2)) && versionNumberWord(word(n-1))) {
		v.version = true // app_version, buildNumber; not build_host_ip
	}
	for i := range words {
		if numericWords[string(word(i))] {
			v.noCards = true
		}
		if v.rule != "" {
			continue
		}
		n := 0
		for j := i; j < len(words) && j-i < max(r.maxTerm, 3); j++ {
			w := lower[words[j][0]:words[j][1]]
			if n+len(w) > len(joined) {
				break
			}
			n += copy(joined[n:], w)
			rule, ok := r.terms[string(joined[:n])]
			if !ok && n > 1 && joined[n-1] == 's' && (j > i || pluralTerms[string(joined[:n-1])]) { // api_keys, access_tokens, cookies: a plural last word
				rule, ok = r.terms[string(joined[:n-1])]
			}
			if !ok {
				continue
			}
			if j+1 < len(words) && (meta(j+1) || len(words)-1-j == 2 && meta(len(words)-1)) {
				described = true
				continue // token_count, pin_code_length describe the token, the code
			}
			if j == i && i > 0 && meta(i) {
				described = true
				continue // cache_expiry: a metadata word as a term needs its noun
			}
			if n == 3 && string(joined[:3]) == "key" && (i == 0 || j != len(words)-1 || plainKeyWords[string(word(i-1))]) {
				continue // key, cache_key, key_name; but maps_key, stripe_key
			}
			if j+1 < len(words) && mobilePlatformKey(string(joined[:n]), string(word(j+1))) {
				continue // mobile_build, mobileAppVersion: the platform, not a telephone
			}
			if i > 0 && j == len(words)-1 && string(joined[:n]) == "token" && specialTokenWords[string(word(i-1))] {
				continue // eos_token, pad_token: a tokenizer's special token, no credential
			}
			if i > 0 && machineTerms[string(joined[:n])] && machineWords[string(word(i-1))] {
				continue // key_fingerprint, cert_fingerprint, key_alias: a machine's, not a person's
			}
			if i > 0 && ipTerms[string(joined[:n])] && (machineWords[string(word(i-1))] || ipMachineWords[string(word(i-1))]) {
				continue // server_ip, node_ip, pod_ip: a machine's address (the ip-address detector still judges it)
			}
			v.rule = rule
			if j+1 < len(words) && dateWords[string(word(j+1))] && !personalRules[rule] { // a card's expiry_date, a birth date are the data
				v.dated = true // auth_date=1764720000: when, not what
			}
			if t := string(joined[:n]); (t == "card" || t == "pin") && !r.longerTerm(lower, words, j) {
				v.noDigits = true // card: summary_large_image, pin: feature-x; a card number and a PIN have digits
			}
			if t := string(joined[:n]); t == "lat" || t == "lon" || t == "lng" {
				v.latency = true // p99 lat=12ms: a duration is no coordinate
			}
			if t := string(joined[:n]); t == "address" || t == "location" {
				v.netAddr = true // listen_address: 0.0.0.0:8080, Location: /login
			}
			if string(joined[:n]) == "secretid" {
				v.named = true // Vault's and Consul's secret_id is a credential; AWS's SecretId a name
			}
			if string(joined[:n]) == "sig" {
				v.signal = true // sig=SIGTERM: a process's signal, not a signature
			}
			if string(joined[:n]) == "routingkey" {
				v.routing = true // PagerDuty's routing_key; AMQP's routing_key=orders.created
			}
			break
		}
	}
	for i := 0; v.rule == "" && i < len(words); i++ { // pgpassword, csrftoken
		if rule := r.compoundRule(word(i)); rule != "" && !(i+1 < len(words) && meta(i+1)) {
			v.rule = rule
		}
	}
	if x := headerPrefixWords(words, word); v.rule == "" && x > 0 && len(words) > x {
		if term, ok := headerLastWords[string(word(len(words)-1))]; ok {
			v.rule = r.terms[term] // X-Session, X-Upstream-Refresh, HTTP_X_SESSION: a custom header named for what it carries
		}
	}
	if v.rule == "" {
		if alt, ok := acronymSplit(key); ok { // DBpassword, JWTsecret: an acronym, then a lower-case word
			if av := r.judgeKeyWords(alt, search); av.rule != "" {
				v.rule, v.noDigits, v.latency, v.netAddr = av.rule, av.noDigits, av.latency, av.netAddr
			}
		}
	}
	if v.rule == "" && !described {
		if alt, ok := digitSplit(key); ok { // password1, api_key2: a term, then a number
			if av := r.judgeKeyWords(alt, search); av.rule != "" {
				v.rule, v.noDigits, v.latency, v.netAddr = av.rule, av.noDigits, av.latency, av.netAddr
			}
		}
	}
	if v.rule != "" && credentialShaped(key, words) {
		v.rule = "" // S3cretPass9, Pr1vPassPhr4se: a password that spells a term, no key
	}
	if v.rule != "" && len(words) == 1 && string(word(0)) == "pwd" {
		v.workDir = true // PWD=/home/app
	}
	if v.rule != "" && len(words) > 1 && string(word(len(words)-1)) == "maps" {
		v.tables = true // smtp_sasl_password_maps = hash:/etc/postfix/sasl_passwd
	}
	if v.rule != "" {
		for i := range words {
			if regionKeys[string(word(i))] {
				v.region = true
			}
		}
	}
	if search && len(key) >= r.minScan { // what the detectors, or the pairs of terms ("password=x"), find in the key
		if spans := r.find(key, nil, ignoreName); len(spans) > 0 {
			v.key, v.keyBy = r.placeholder(key), r.finderOf(key)
		}
	}
	return r.keepVerdict(v)
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// ignoreName is a note function that keeps nothing.
func ignoreName(string) {}

// finderOf returns the name of the first detector or rule that finds
// something in s.
func (r *Redactor) finderOf(s string) string {
	for _, d := range r.detectors {
		if d.Matches(s) {
			return d.Name
		}
	}
	name := ""
	r.findPairs(s, scan(s), nil, func(n string) {
		if name == "" {
			name = n
		}
	})
	return name
}

func (r *Redactor) keepVerdict(v keyVerdict) *keyVerdict {
	if v == *plainKey {
		return plainKey
	}
	p := new(keyVerdict) // not &v: that would move every v to the heap
	*p = v
	return p
}

// numericWords are key words that name a number which is not a card
// number: the card detector leaves integers under such keys alone.
var numericWords = map[string]bool{
	"msisdn": true, "phone": true, "tel": true, "mobile": true, "id": true, "ids": true,
	"ts": true, "timestamp": true, "time": true, "nanos": true, "ns": true, "epoch": true,
	"seq": true, "offset": true, "snowflake": true, "nonce": true, "unix": true, "ms": true,
	"bytes": true, "size": true, "count": true, "duration": true, "len": true, "length": true, "us": true,
	"micros": true, "millis": true, "sequence": true, "cursor": true, "position": true, "pos": true,
}

// versionKeyWord reports whether w, a lower-case word of a key, names a
// version: version, ver, build, release, firmware, revision, or a word
// that ends in version (fileversion, assemblyversion).
func versionKeyWord(w []byte) bool {
	switch string(w) {
	case "version", "ver", "build", "release", "firmware", "fw", "revision", "rev":
		return true
	}
	return len(w) > 7 && string(w[len(w)-7:]) == "version"
}

// versionNumberWord reports whether w, the last word of a key after a
// word that names a version, says the key holds that version: build_number,
// release_no, version_string.
func versionNumberWord(w []byte) bool {
	switch string(w) {
	case "number", "no", "nr", "num", "string", "str", "name", "code", "tag", "info":
		return true
	}
	return false
}

// plainKeyWords are words before "key" that make it name a key which is
// no secret: a cache key, a partition key, a public key.
var plainKeyWords = map[string]bool{
	"cache": true, "partition": true, "sort": true, "primary": true, "foreign": true,
	"idempotency": true, "idempotent": true, "routing": true, "object": true, "public": true,
	"pub": true, "lookup": true, "map": true, "dedup": true, "dedupe": true, "row": true,
	"hash": true, "shard": true, "group": true, "bucket": true, "message": true, "record": true,
	"event": true, "request": true, "trace": true, "i18n": true, "translation": true, "index": true,
	"unique": true, "composite": true, "natural": true, "surrogate": true, "range": true,
	"s3": true, "redis": true, "host": true, "issue": true, "project": true, "jira": true,
	"config": true, "setting": true, "settings": true, "env": true, "field": true, "column": true,
	"table": true, "item": true, "order": true, "product": true, "sku": true, "locale": true,
	"lang": true, "feature": true, "flag": true, "experiment": true, "rate": true, "limit": true,
	"kms": true, "registry": true, "label": true, "tag": true, "annotation": true, "query": true,
	"param": true, "search": true, "dict": true, "json": true, "yaml": true, "cursor": true,
	"page": true, "sharding": true, "join": true, "the": true, "a": true, "this": true, "by": true,
	"hot": true, "next": true, "prev": true, "last": true, "first": true, "start": true, "end": true,
	// Words of prose before a bare "key" ("cache miss key=user:42", "put key=a/b.csv").
	"miss": true, "hit": true, "put": true, "get": true, "set": true, "del": true, "delete": true,
	"deleted": true, "evict": true, "evicted": true, "expired": true, "missing": true, "invalid": true,
	"unknown": true, "duplicate": true, "dup": true, "region": true, "no": true, "for": true, "with": true, "of": true, "on": true,
	"in": true, "to": true, "from": true, "at": true, "any": true, "each": true, "same": true,
	"found": true, "read": true, "write": true, "wrote": true, "stored": true, "using": true,
	"entry": true, "property": true, "attribute": true, "attr": true, "element": true,
	"ok": true, "done": true, "uploaded": true, "downloaded": true, "fetched": true, "loaded": true,
	"saved": true, "removed": true, "copied": true, "moved": true, "listed": true, "skipped": true,
	"exists": true, "evaluated": true, // DynamoDB's LastEvaluatedKey
}

// longerTerm reports whether the words of a key from the one after j on
// continue the term that ends at word j into a longer term ("card" in
// card_number, card_verification).
func (r *Redactor) longerTerm(lower []byte, words [][2]int, j int) bool {
	var buf [128]byte
	n := 0
	start := j
	for start > 0 && j-start < r.maxTerm { // the term's own words are before j; any start will do
		start--
	}
	for a := start; a <= j; a++ {
		n = 0
		for k := a; k < len(words) && k-a < max(r.maxTerm, 3); k++ {
			w := lower[words[k][0]:words[k][1]]
			if n+len(w) > len(buf) {
				break
			}
			n += copy(buf[n:], w)
			if k > j && r.terms[string(buf[:n])] != "" {
				return true
			}
		}
	}
	return false
}

// machineryWords are words that, right after a term, name the machinery
// around the secret rather than the secret, as MetadataWords describe
// it: a rate limiter's token_bucket, AWS's secrets_manager, GitHub's
// secret_scanning, OpenID Connect's auth_time claim, the SASL
// mechanisms a mail server offers (auth_mechanisms); and the coarse
// geography after a term of place (geo_region, location_continent), which
// is no one's location.
var machineryWords = map[string]bool{
	"bucket": true, "buckets": true, "manager": true, "scanning": true, "scanner": true, "time": true,
	"region": true, "continent": true, "mechanism": true, "mechanisms": true,
}

// isSignalName reports whether s names a process signal: SIGTERM,
// SIGUSR1, SIGRTMIN+3 in either case, or the text of Go's os.Signal
// (terminated, interrupt).
func isSignalName(s string) bool {
	if len(s) > 4 && len(s) <= 12 && strings.EqualFold(s[:3], "sig") {
		i := 3
		for i < len(s) && isLetter(s[i]) {
			i++
		}
		if i-3 < 2 || i-3 > 7 { // HUP, TERM, VTALRM, RTMIN
			return false
		}
		for ; i < len(s); i++ { // USR1, RTMIN+3
			if !isDigit(s[i]) && s[i] != '+' && s[i] != '-' {
				return false
			}
		}
		return true
	}
	switch s {
	case "interrupt", "terminated", "hangup", "killed", "quit", "user defined signal 1", "user defined signal 2",
		"broken pipe", "alarm clock", "child exited", "window changed":
		return true
	}
	return false
}

// headerLastWords are the last words of a custom header named for the
// credential it carries bare (X-Session, X-Upstream-Refresh, X-Sid), each
// with the term whose rule masks it. Alone or inside a header's name
// (session, X-Session-Replay, X-Access-Log) the words name no credential.
var headerLastWords = map[string]string{"session": "sessiontoken", "sess": "sessiontoken", "refresh": "refreshtoken", "access": "accesstoken", "sid": "sessionid"}

// specialTokenWords are the words before "token" that name a language
// model tokenizer's special tokens (eos_token: "</s>").
var specialTokenWords = map[string]bool{
	"eos": true, "bos": true, "pad": true, "unk": true, "sep": true, "cls": true, "mask": true,
	"stop": true, "eot": true, "start": true, "end": true, "additional": true, "special": true,
}

// machineTerms are terms of personal data that name something of a
// machine after a word of machineWords: a key's or a certificate's
// fingerprint is no finger's, a KMS key's alias is no person's.
var machineTerms = map[string]bool{"fingerprint": true, "alias": true}

// machineWords are the words before a machine term that make it a
// machine's.
var machineWords = map[string]bool{
	"key": true, "keys": true, "cert": true, "certificate": true, "ssh": true, "tls": true, "ssl": true,
	"host": true, "gpg": true, "pgp": true, "pubkey": true, "x509": true, "ja3": true, "ja3s": true,
	"ja4": true, "ja4s": true, "jwk": true, "kid": true, "sha1": true, "sha256": true, "md5": true,
	"server": true, "ca": true, "image": true, "file": true, "schema": true, "config": true, "build": true,
	"commit": true, "git": true, "repo": true, "content": true, "digest": true, "kms": true, "index": true,
	"dns": true, "domain": true, "table": true, "column": true, "field": true, "model": true, "cluster": true,
	"node": true, "db": true, "database": true, "bucket": true, "topic": true, "queue": true, "command": true,
	"cmd": true, "shell": true, "project": true, "branch": true, "tag": true, "public": true, "signing": true,
	"encryption": true, "secret": true, "token": true, "package": true, "artifact": true, "container": true,
}

// ipTerms are the terms of an IP address, which names a machine's address
// after a word of machineWords or ipMachineWords.
var ipTerms = map[string]bool{"ip": true, "ipaddress": true, "ipaddr": true, "ips": true}

// ipMachineWords are words before an IP term that name a machine or a
// network's part, beyond machineWords.
var ipMachineWords = map[string]bool{
	"pod": true, "vm": true, "instance": true, "gateway": true, "gw": true, "router": true, "svc": true,
	"service": true, "lb": true, "vip": true, "nat": true, "proxy": true, "upstream": true, "backend": true,
	"target": true, "bind": true, "listen": true, "local": true, "private": true, "internal": true,
	"master": true, "worker": true, "egress": true, "ingress": true, "nameserver": true, "resolver": true,
	"subnet": true, "vpc": true, "broker": true, "replica": true, "primary": true, "leader": true,
	"docker": true, "bridge": true, "interface": true, "iface": true, "eth0": true, "machine": true,
	"dst": true, "dest": true, "destination": true, // a flow's destination, the server a client reached
}

// regionKeys are key words under which cloud region names are kept.
var regionKeys = map[string]bool{"location": true, "region": true, "zone": true, "geo": true}

// keySalt keys the placeholders of personal-data keys, so that a
// placeholder cannot be reversed by hashing guesses. It is random per
// process: placeholders are stable within a process.
var keySalt = func() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return b
}()

// placeholder returns the key written in place of key: the mask and a
// short keyed hash, so that distinct keys stay distinct members of their
// object and the output stays valid JSON with unique keys.
func (r *Redactor) placeholder(key string) string {
	m := hmac.New(sha256.New, keySalt)
	m.Write([]byte(key))
	return r.mask + "#" + hex.EncodeToString(m.Sum(nil)[:6])
}

// wordBounds appends the [start, end) byte ranges of the words of key to
// out: split on '_', '-', '.', spaces, other punctuation and camelCase
// boundaries ("APIKey" is [API Key]). At most maxWords are returned.
func wordBounds(key string, out [][2]int) [][2]int {
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, [2]int{start, end})
		}
		start = -1
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !isAlnum(c) && c < 0x80 {
			flush(i)
			continue
		}
		if c >= 0x80 { // a character outside ASCII is inside a word; a byte of invalid UTF-8 ends one (JSON writes it as U+FFFD)
			r, size := utf8.DecodeRuneInString(key[i:])
			if r == utf8.RuneError && size == 1 {
				flush(i)
				continue
			}
			if start < 0 {
				start = i
			}
			i += size - 1
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := key[i-1]
		upper := c >= 'A' && c <= 'Z'
		switch {
		case upper && prev >= 'a' && prev <= 'z': // fooBar
			flush(i)
			start = i
		case upper && prev >= 'A' && prev <= 'Z' && i+1 < len(key) && key[i+1] >= 'a' && key[i+1] <= 'z': // APIKey
			flush(i)
			start = i
		}
	}
	flush(len(key))
	return out
}

// credentialShaped reports whether key, split into words, ends as
// passwords are written rather than keys: its last run of letters and
// digits is eight bytes or more, in both cases, with a word of four bytes
// or more that holds a single digit between two letters (S3cretPass9,
// -X Pr1vPassPhr4se: letters written as digits). Names whose digits are
// part of a short word (k8s, m2m, e2e) or of a number (i18n, secp256k1,
// base64) are keys.
func credentialShaped(key string, words [][2]int) bool {
	start := len(key)
	for start > 0 && isAlnum(key[start-1]) {
		start--
	}
	if len(key)-start < 8 || len(key)-start > 64 {
		return false
	}
	upper, lower := false, false
	for i := start; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case !isDigit(c):
			return false
		}
	}
	if !upper || !lower {
		return false
	}
	for _, w := range words {
		if w[1]-w[0] < 4 || w[0] < start {
			continue
		}
		for p := w[0] + 1; p < w[1]-1; p++ {
			if isDigit(key[p]) && isLetter(key[p-1]) && isLetter(key[p+1]) {
				return true
			}
		}
	}
	return false
}

// acronymSplit returns key with a '_' after each acronym (two capitals or
// more) that a lower-case letter follows, and whether it inserted one.
// wordBounds takes the acronym's last capital for the start of the next
// word (APIKey: API, Key); a key such as DBpassword or JWTsecret has its
// term after the whole acronym (DB, password).
func acronymSplit(key string) (string, bool) {
	var b []byte
	last := 0 // key[:last] is in b
	for j := 2; j < len(key); j++ {
		if key[j] >= 'a' && key[j] <= 'z' && key[j-1] >= 'A' && key[j-1] <= 'Z' && key[j-2] >= 'A' && key[j-2] <= 'Z' {
			b = append(append(b, key[last:j]...), '_')
			last = j
		}
	}
	if b == nil {
		return key, false
	}
	return string(append(b, key[last:]...)), true
}

// digitSplit returns key with a '_' before each number of one or two
// digits that ends a word after two letters or more (password1, api_key2,
// secret12; tokenV2x and dob2001 are left), and whether it inserted one: a form posts password1 and
// password2, a config numbers its keys. Names whose digits are part of
// the name (auth0, oauth2, x509) are left whole.
func digitSplit(key string) (string, bool) {
	var b []byte
	last := 0 // key[:last] is in b
	for j := 2; j < len(key); j++ {
		if !isDigit(key[j]) || !isLetter(key[j-1]) || !isLetter(key[j-2]) {
			continue
		}
		e := j + 1
		for e < len(key) && isDigit(key[e]) {
			e++
		}
		if e < len(key) && isAlnum(key[e]) || e-j > 2 {
			j = e
			continue // x86abc, sha256sum: the digits are inside a word; dob2001: a number of its own
		}
		ws := j - 2
		for ws > 0 && isLetter(key[ws-1]) {
			ws--
		}
		if digitNames[strings.ToLower(key[ws:e])] {
			j = e
			continue
		}
		b = append(append(b, key[last:j]...), '_')
		last, j = j, e
	}
	if b == nil {
		return key, false
	}
	return string(append(b, key[last:]...)), true
}

// digitNames are names whose digits belong to them: digitSplit leaves
// them whole.
var digitNames = map[string]bool{"auth0": true, "oauth1": true, "oauth2": true, "saml2": true, "x509": true,
	"md5": true, "sha1": true, "sha256": true, "sha512": true, "base64": true, "http2": true, "s3": true}

// pluralTerms are the one-word terms whose plural alone names secrets
// (apikeys, cookies, pwds). Other plurals of one word need a word before
// them (access_tokens): tokens alone counts a language model's tokens,
// keys alone names map keys.
var pluralTerms = map[string]bool{"apikey": true, "passwd": true, "pwd": true, "passphrase": true, "cookie": true,
	"sessionid": true, "jwt": true, "psk": true, "passcode": true, "mnemonic": true}

// splitKey splits a key into lower-case words, as the key rules see it.
func splitKey(key string) []string {
	var words []string
	for _, b := range wordBounds(key, nil) {
		words = append(words, strings.ToLower(key[b[0]:b[1]]))
	}
	return words
}

type pathRule struct {
	segs []string
	rule string
}

// pathRule returns the name of the path rule matching groups+key, or "".
func (r *Redactor) pathRule(groups []string, key string) string {
	for _, p := range r.paths {
		if len(p.segs) != len(groups)+1 {
			continue
		}
		ok := true
		for i, seg := range p.segs {
			name := key
			if i < len(groups) {
				name = groups[i]
			}
			if seg != "*" && !strings.EqualFold(seg, name) {
				ok = false
				break
			}
		}
		if ok {
			return p.rule
		}
	}
	return ""
}

// judge returns the verdict for key and the rule that masks its value at
// groups (by key or by path), or "".
func (r *Redactor) judge(groups []string, key string) (*keyVerdict, string) {
	if key == "" {
		return plainKey, ""
	}
	var v *keyVerdict
	if len(r.paths) == 0 {
		v = r.fastVerdict(key)
		if v.rule == "" && len(groups) > 0 && !v.allowed {
			if rule := r.groupsRule(groups); rule != "" {
				return v, rule // WithGroup("password"): every value under it
			}
		}
		return v, v.rule
	}
	v = r.ownVerdict(key)
	rule := v.rule
	if rule == "" && !v.allowed {
		rule = r.pathRule(groups, key)
	}
	if rule == "" && !v.allowed {
		rule = r.groupsRule(groups)
	}
	return v, rule
}

// groupsRule returns the rule of the first group name that names a secret
// (a group from WithGroup("password") holds the secret under other keys),
// or "".
func (r *Redactor) groupsRule(groups []string) string {
	for _, g := range groups {
		if g == "" {
			continue
		}
		if v := r.fastVerdict(g); v.rule != "" && !v.allowed {
			return v.rule
		}
	}
	return ""
}

// GroupName returns the name to write for a group named name: name, or,
// when the name itself is personal data or a secret (an e-mail address, a
// card number, a key), the placeholder that a key of that name gets.
// Handlers call it in WithGroup, as Scalar renames keys.
func (r *Redactor) GroupName(name string) string {
	if r == nil || r.off || name == "" {
		return name
	}
	if v := r.fastVerdict(name); v.key != "" {
		return v.key
	}
	return name
}

// masksValue reports whether the value v under a key with verdict kv and
// masking rule is masked: empty strings and booleans hide nothing, the
// name of a file of keys (server.key, sa.json) is not the key, and
// region names under a location key are no one's location.
func masksValue(kv *keyVerdict, rule string, v slog.Value) bool {
	if rule == "" {
		return false
	}
	switch v.Kind() {
	case slog.KindBool:
		return false
	case slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindTime:
		return !kv.dated // auth_date: 1764720000
	case slog.KindString:
		s := v.String()
		return s != "" && !(kv.dated && isTimeValue(s)) && !isKeyFileName(s) && !noValue(s) && !(kv.region && isRegionName(s)) && !(kv.workDir && isAbsPath(s)) &&
			!(kv.netAddr && isNetworkAddress(s)) && !(kv.noDigits && countDigits(s) == 0) && !(kv.latency && isDuration(s)) &&
			!(kv.named && isSecretName(s)) && !(kv.signal && isSignalName(s)) && !(kv.tables && postfixTables(s)) &&
			!(kv.routing && !pagerDutyKey(s))
	}
	return true
}

// isSecretName reports whether s names a secret rather than holding one:
// an ARN, a path of names (prod/db/password), or a name of letters,
// '-', '_' and '.' without digits (db-credentials).
func isSecretName(s string) bool {
	if strings.HasPrefix(s, "arn:") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isKeyChar(c) && c != '/' {
			return false
		}
	}
	return strings.Contains(s, "/") || countDigits(s) == 0
}

// noValue reports whether s, under a key that names a secret or personal
// data, holds none: a word that says there is no value or gives its state
// (unknown, n/a, unverified, ~), a query's bind parameter or a format verb
// (password = $1, token = :token, @p1, ?, %s), an address that is no one's
// (127.0.0.1, ::1, 0.0.0.0), or the address of a mailbox that no person
// reads (noreply@…, postmaster@…).
func noValue(s string) bool {
	if truncatedPAN(s) {
		return true
	}
	if len(s) > 40 {
		return false
	}
	for _, w := range [...]string{"unknown", "n/a", "not set", "not available", "not provided", "~", "verified",
		"unverified", "pending", "withheld", "anonymous", "[]", "{}", "<nil>", "%s", "%v", "%+v", "%q", "%d", "?",
		"inherit", "read", "write", "read-all", "write-all", // GitHub Actions: secrets: inherit, id-token: write
		"true", "false"} { // a boolean written as a string: has_password="true"
		if strings.EqualFold(s, w) {
			return true
		}
	}
	if bindParam(s) {
		return true
	}
	if at := strings.IndexByte(s, '@'); at > 0 && machineMailbox(s[:at]) {
		return true
	}
	if strings.Trim(s, "0123456789abcdefABCDEF:.[]") != "" {
		return false // no IP address: parse nothing
	}
	h := s
	if len(h) > 2 && h[0] == '[' { // [::1]:8080
		if e := strings.IndexByte(h, ']'); e > 0 {
			h = h[1:e]
		}
	} else if c := strings.IndexByte(h, ':'); c > 0 && strings.Count(h, ":") == 1 {
		h = h[:c] // 127.0.0.1:8080
	}
	if ip, err := netip.ParseAddr(h); err == nil && (ip.IsLoopback() || ip.IsUnspecified()) {
		return true
	}
	return false
}

// bindParam reports whether v is a query's bind parameter: $1, :name,
// :new_password, @p1, @Password. A name is written as names are: lower
// case with '_' (digits only after one or two letters, as in p1), or
// capitalized words; a password may start with ':' or '@' too
// (@Kq8xZz9, @dmin123), and is no parameter.
func bindParam(v string) bool {
	if len(v) < 2 || v[0] != '$' && v[0] != ':' && v[0] != '@' {
		return false
	}
	if v[0] == '$' {
		return countDigits(v[1:]) == len(v)-1
	}
	name := v[1:]
	letters := strings.TrimRight(name, "0123456789")
	if letters == "" || len(letters) < len(name) && (len(letters) > 2 || len(name)-len(letters) > 2) {
		return false // digits alone, or after more than two letters
	}
	return plainName(letters) && !strings.ContainsAny(letters, ".-")
}

// machineMailbox reports whether local, the part of an e-mail address
// before '@', names a mailbox that programs write from or to and no person
// reads.
func machineMailbox(local string) bool {
	for _, m := range [...]string{"noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
		"mailer-daemon", "postmaster", "hostmaster", "webmaster", "abuse", "bounce", "bounces", "notifications",
		"notification"} {
		if strings.EqualFold(local, m) {
			return true
		}
	}
	return false
}

// isAbsPath reports whether s is an absolute file path of ordinary names
// ("/home/app", "/srv/api-2", "/Users/Bob/Library"): a slash first, then
// names (plainName). A secret in base64 can hold slashes too
// ("/wJalrXUtnFEMI/K7MDENG/bPxRfi…"): its pieces mix cases and digits as
// no name does.
func isAbsPath(s string) bool {
	if len(s) < 2 || s[0] != '/' {
		return false
	}
	for _, name := range strings.Split(s[1:], "/") {
		if !plainName(name) {
			return false
		}
	}
	return true
}

// plainName reports whether name is a file name as people write them:
// lower-case letters, digits, '.', '_' and '-' ("id_ed25519",
// "kubernetes.io"), or words that each start with a capital letter and
// go on in lower case, without digits ("Library", "AppData").
func plainName(name string) bool {
	lower, capitalized := true, name != "" && name[0] >= 'A' && name[0] <= 'Z'
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z':
		case c >= 'A' && c <= 'Z':
			lower = false
			// A capital starts a word: after a lower-case letter or at the
			// start, and a lower-case letter follows it.
			if i > 0 && (name[i-1] < 'a' || name[i-1] > 'z') || i+1 == len(name) || name[i+1] < 'a' || name[i+1] > 'z' {
				capitalized = false
			}
		case isDigit(c) || c == '.' || c == '_' || c == '-':
			capitalized = false
		default:
			return false
		}
	}
	return lower || capitalized
}

// isNetworkAddress reports whether s is the address of a program rather
// than of a person: a host and port (":8080", "0.0.0.0:8080",
// "db.internal:5432", "[::]:443"), a host name or an IP address (the
// detectors still judge it), a URL (but not one that holds coordinates), an
// absolute path (a socket, a redirect's target), or a memory address
// (0xc000123456).
func isNetworkAddress(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\n,;") && !strings.Contains(s, "://") {
		return false
	}
	if len(s) > 2 && len(s) <= 18 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isHex(s[2:]) {
		return true
	}
	if i := strings.Index(s, "://"); i > 0 {
		for j := 0; j < i; j++ {
			if c := s[j]; !isAlnum(c) && c != '+' && c != '.' && c != '-' {
				return false
			}
		}
		return !strings.ContainsAny(s, " \t\n") && !holdsCoordinates(s)
	}
	if s[0] == '/' {
		return isAbsPath(s) || strings.IndexByte(s, ' ') < 0 && !holdsCoordinates(s)
	}
	host := s
	if c := strings.LastIndexByte(s, ':'); c >= 0 && c+1 < len(s) && c+6 >= len(s) && strings.Trim(s[c+1:], "0123456789") == "" {
		host = s[:c]
		if host == "" || host == "*" || host == "localhost" {
			return true // :8080
		}
	} else if host == "localhost" {
		return true
	}
	if len(host) > 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	dot, letter := false, false
	for i := 0; i < len(host); i++ {
		switch c := host[i]; {
		case c == '.':
			if i == 0 || host[i-1] == '.' {
				return false
			}
			dot = true
		case isLetter(c):
			letter = true
		case isDigit(c) || c == '-':
		default:
			return false
		}
	}
	return dot && letter && host[len(host)-1] != '.'
}

// isDuration reports whether s is a number with a unit of time ("12ms",
// "1.5s", "300us"), as Go's time.Duration writes one.
func isDuration(s string) bool {
	i := 0
	for i < len(s) && (isDigit(s[i]) || s[i] == '.') {
		i++
	}
	if i == 0 || !isDigit(s[0]) {
		return false
	}
	switch s[i:] {
	case "ns", "us", "µs", "ms", "s", "m", "h":
		return true
	}
	return false
}

// holdsCoordinates reports whether s holds a latitude and longitude: a
// decimal number, a comma, and a number, signed or not
// ("?q=52.5200,13.4050", "?ll=40.7,-74", "?q=52.5,13").
func holdsCoordinates(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ',' || i < 3 || i+1 >= len(s) { // "d.d" before the comma, a byte after it
			continue
		}
		j := i - 1
		for j >= 0 && isDigit(s[j]) {
			j--
		}
		k := i + 1
		if s[k] == '-' || s[k] == '+' {
			k++
		}
		if j < i-1 && j > 0 && s[j] == '.' && k < len(s) && isDigit(s[k]) {
			return true
		}
	}
	return false
}

// isRegionName reports whether s looks like a cloud region or zone name
// ("us-east-1", "europe-west4", "ap-southeast-2a", "us-central1-a").
func isRegionName(s string) bool {
	if len(s) < 5 || len(s) > 32 {
		return false
	}
	dashes, digits := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '-':
			if i == 0 || s[i-1] == '-' {
				return false
			}
			dashes++
		case isDigit(c):
			digits++
		case c < 'a' || c > 'z':
			return false
		}
	}
	return dashes >= 1 && digits >= 1 && isLetter(s[0]) && s[len(s)-1] != '-'
}

// compoundTerms are the terms that also name a secret at the end of a
// longer word written without a separator: PGPASSWORD, adminpassword,
// csrftoken, githubtoken, appsecret, DBPASS, keytool's storepass, DBPWD,
// OpenLDAP's bindpw and rootpw.
// Other terms do not (a "pin" ends "spin", a "key" ends "monkey"), nor do
// the words of notPassWords.
var compoundTerms = []string{"password", "passwd", "passphrase", "secret", "token", "apikey", "pass", "pwd", "pw"}

// minCompound is the length of the shortest word that can end with a
// compound term after two letters: "dbpw".
const minCompound = 4

// notPassWords are words that end with a compound term and name no
// secret: a bypass, a compass, a pass of a compiler or a GPU, a filter, the
// previous working directory.
var notPassWords = map[string]bool{
	"bypass": true, "compass": true, "encompass": true, "surpass": true, "trespass": true,
	"overpass": true, "underpass": true, "multipass": true, "subpass": true, "renderpass": true,
	"firstpass": true, "secondpass": true, "onepass": true, "twopass": true, "singlepass": true,
	"prepass": true, "postpass": true, "repass": true, "highpass": true, "lowpass": true,
	"bandpass": true, "allpass": true, "oldpwd": true,
}

// compoundRule returns the rule of the compound term that the lower-case
// word w ends with after two ASCII letters or digits or more, or "" ("Àpassword"
// is a word of its own).
func (r *Redactor) compoundRule(w []byte) string {
	if len(w) < minCompound {
		return ""
	}
	for _, t := range r.compounds {
		if len(w) >= len(t)+2 && string(w[len(w)-len(t):]) == t && asciiWord(w[:len(w)-len(t)]) {
			if (t == "pass" || t == "pwd") && notPassWords[string(w)] {
				return ""
			}
			return r.terms[t]
		}
	}
	return ""
}

// asciiWord reports whether w holds ASCII letters and digits only.
func asciiWord(w []byte) bool {
	for _, c := range w {
		if !isAlnum(c) {
			return false
		}
	}
	return true
}

// endsInCompound reports whether the word w, in any case, ends with a
// compound term after two letters or more: the prefilter's test for
// compoundRule.
func (r *Redactor) endsInCompound(w string) bool {
	if len(w) < minCompound || len(r.compounds) == 0 {
		return false
	}
	if !r.compoundTailHas(w[len(w)-2], w[len(w)-1]) {
		return false
	}
	for _, t := range r.compounds {
		if len(w) >= len(t)+2 && foldedSuffix(w, t) {
			return true
		}
	}
	return false
}

// compoundTailHas reports whether some compound term ends with the
// letters a, b, in any case.
func (r *Redactor) compoundTailHas(a, b byte) bool {
	n, ok := letterPair(a, b)
	return ok && r.compoundTail[n>>6]&(1<<(n&63)) != 0
}

// letterPair returns the index of two ASCII letters, in any case, among
// the 26*26 pairs of letters, and false when a or b is no letter.
func letterPair(a, b byte) (int, bool) {
	a, b = a|0x20, b|0x20
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return 0, false
	}
	return int(a-'a')*26 + int(b-'a'), true
}

// foldedSuffix reports whether w ends with the lower-case ASCII word t, in
// any case.
func foldedSuffix(w, t string) bool {
	w = w[len(w)-len(t):]
	for i := 0; i < len(t); i++ {
		if w[i]|0x20 != t[i] {
			return false
		}
	}
	return true
}
