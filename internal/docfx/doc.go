// Package docfx reads the configuration files of a bare DocFX / Open
// Publishing (OPS) docset, so that a checked-out Learn repository builds with
// no docloom.yaml. It sits at the very start of the pipeline: config reads the
// publish configuration to learn the locale and monikers, and docset reads
// docfx.json to know which files are pages and resources, what metadata they
// get and which moniker range applies, and the redirection file.
//
// The files are hand-edited in real repositories and are not always valid
// JSON: the nl-NL redirection file indents with U+00A0 no-break spaces and the
// en-US docfx.json lacks a comma. DocFX (Newtonsoft.Json) and the Learn build
// accept such files, so every reader here uses the lenient parser behind
// DecodeLenient, which repairs what DocFX tolerates and reports each repair
// as a warning with its position rather than failing the build.
package docfx
