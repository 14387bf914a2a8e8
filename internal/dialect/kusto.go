package dialect

import "github.com/alecthomas/chroma/v2"

// kustoLexer highlights Kusto Query Language (KQL), which Learn docsets
// use for Azure Monitor, Sentinel and Data Explorer queries and Chroma has
// no lexer for: comments, strings, numbers, timespans, the tabular
// operators after a pipe, and the common scalar and aggregation functions.
var kustoLexer = chroma.MustNewLexer(&chroma.Config{
	Name:     "Kusto",
	Aliases:  []string{"kusto", "kql"},
	EnsureNL: true,
}, func() chroma.Rules {
	return chroma.Rules{
		"root": {
			{Pattern: `//[^\n]*`, Type: chroma.CommentSingle},
			{Pattern: `@?"(\\.|[^"\\\n])*"`, Type: chroma.LiteralString},
			{Pattern: `@?'(\\.|[^'\\\n])*'`, Type: chroma.LiteralString},
			{Pattern: `\b\d+(\.\d+)?(d|h|m|s|ms|microsecond|tick)\b`, Type: chroma.LiteralNumber},
			{Pattern: `\b\d+(\.\d+)?([eE][+-]?\d+)?\b`, Type: chroma.LiteralNumber},
			{Pattern: chroma.Words(`\b`, `\b`, "let", "set", "alias", "declare", "pattern", "restrict", "access", "to",
				"where", "project", "project-away", "project-keep", "project-rename", "project-reorder", "extend",
				"summarize", "by", "order", "sort", "asc", "desc", "top", "take", "limit", "distinct", "count",
				"join", "kind", "on", "union", "lookup", "mv-expand", "mv-apply", "parse", "parse-where", "evaluate",
				"render", "as", "with", "range", "step", "from", "datatable", "print", "search", "in", "has",
				"contains", "startswith", "endswith", "matches", "regex", "between", "and", "or", "not", "invoke",
				"materialize", "serialize", "make-series", "getschema", "sample", "facet", "fork", "nulls", "first", "last",
				"inner", "outer", "leftouter", "rightouter", "fullouter", "leftanti", "rightanti", "leftsemi", "rightsemi", "innerunique",
				"true", "false"),
				Type: chroma.Keyword},
			{Pattern: chroma.Words(`\b`, `\b`, "bool", "datetime", "dynamic", "guid", "int", "long", "real", "string", "timespan", "decimal"),
				Type: chroma.KeywordType},
			{Pattern: `\b[A-Za-z_][A-Za-z0-9_]*(?=\()`, Type: chroma.NameFunction},
			{Pattern: `[A-Za-z_][A-Za-z0-9_]*`, Type: chroma.Name},
			{Pattern: `==|!=|=~|!~|<=|>=|[|<>=+\-*/%!]`, Type: chroma.Operator},
			{Pattern: `[()\[\]{},;.:]`, Type: chroma.Punctuation},
			{Pattern: `\s+`, Type: chroma.TextWhitespace},
			{Pattern: `.`, Type: chroma.Text},
		},
	}
})
