package docfx

// MetadataFor returns the metadata docfx.json gives rel (slash-separated,
// relative to the docfx.json folder): globalMetadata overlaid by every
// fileMetadata rule whose glob matches, in file order, so the last match
// wins per key. Overlay is a JSON merge: objects merge key by key, scalars
// and arrays replace. The page's own front matter goes on top of this in a
// later stage. The result is a fresh map the caller may modify.
func (c *Config) MetadataFor(rel string) map[string]any {
	out := make(map[string]any, len(c.GlobalMetadata)+len(c.FileMetadata))
	for k, v := range c.GlobalMetadata {
		out[k] = clone(v)
	}
	parts := splitPath(rel)
	for key, rules := range c.FileMetadata {
		for i := range rules {
			if rules[i].match(parts) {
				out[key] = Merge(out[key], rules[i].Value)
			}
		}
	}
	return out
}

func (gv *GlobValue) match(parts []string) bool {
	g := gv.glob
	if g == nil {
		var err error
		if g, err = CompileGlob(gv.Glob); err != nil {
			return false
		}
	}
	return g.matchParts(parts)
}

// Merge overlays top on base the way DocFX merges metadata: when both are
// objects the result has the keys of both, merged recursively; otherwise
// top replaces base. Neither argument is modified.
func Merge(base, top any) any {
	bm, ok1 := base.(map[string]any)
	tm, ok2 := top.(map[string]any)
	if !ok1 || !ok2 {
		return clone(top)
	}
	out := make(map[string]any, len(bm)+len(tm))
	for k, v := range bm {
		out[k] = clone(v)
	}
	for k, v := range tm {
		out[k] = Merge(out[k], v)
	}
	return out
}

// clone copies the maps and slices of a decoded JSON value, so callers can
// modify what MetadataFor returns without changing the Config.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = clone(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = clone(x)
		}
		return out
	default:
		return v
	}
}
