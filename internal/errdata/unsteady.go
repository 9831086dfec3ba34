package errdata

import "reflect"

// RendersUnsteadily reports whether x itself renders itself (MarshalJSON,
// MarshalText) and is not an error nor one of the standard library's
// steady types: asked again, it may answer otherwise than it did.
func RendersUnsteadily(x any) bool {
	if x == nil {
		return false
	}
	return kindOf(reflect.TypeOf(x)) == typeRenders
}
