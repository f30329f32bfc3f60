// YAML and JSON text as kubectl v1.32 reads and prints it.
//
// Reading (`kubectl apply -f`, `create -f`): kubectl splits a stream into documents on
// `---` lines (k8s.io/apimachinery/pkg/util/yaml YAMLReader), converts each document with
// sigs.k8s.io/yaml (go-yaml v2 → JSON) and skips documents that are empty. Scalars are
// typed the way go-yaml v2 resolves plain scalars (YAML 1.1):
//   yes/no/on/off/y/n (any of their three casings)   → true/false
//   ~, null, Null, NULL, empty                        → null
//   0777 → 511 (octal), 0o17 → 15, 0x1F → 31, 0b101 → 5, 1_000 → 1000, +12 → 12
//   1e3 → 1000 and 1.0 → 1 (floats that JSON prints without a fraction become integers),
//   .5 → 0.5
//   2001-12-14 and 1:20 stay strings; quoted and block scalars are always strings
//   .inf/.nan are rejected ("json: unsupported value: +Inf"), as kubectl does.
// Errors read like kubectl's: "error converting YAML to JSON: yaml: line 3: mapping values
// are not allowed in this context" (line numbers count within the document, as kubectl's).
//
// Writing: to_yaml is `kubectl get -o yaml` (sigs.k8s.io/yaml: JSON → go-yaml v2 emitter):
// go-yaml's key order (letters after other characters, digit runs compared as numbers),
// sequences not indented under their key, strings double-quoted when they would read back
// as another type and single-quoted when plain style is not allowed, multi-line strings as
// `|` blocks, lines folded at 80 columns. to_json_pretty is `kubectl get -o json` (Go's
// encoding/json with 4-space indent, <, >, & escaped).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/json.h"

namespace kt::api {

class YamlError : public std::runtime_error {
 public:
  YamlError(std::string message, int document, std::vector<Json> parsed)
      : std::runtime_error(std::move(message)), document_(document), parsed_(std::move(parsed)) {}
  // 0-based index of the `---`-separated chunk that failed.
  int document() const { return document_; }
  // The documents read before the failing one (kubectl still acts on those).
  const std::vector<Json>& parsed() const { return parsed_; }

 private:
  int document_;
  std::vector<Json> parsed_;
};

// Every non-empty document of a YAML (or JSON) stream. Throws YamlError.
std::vector<Json> parse_yaml_documents(std::string_view text);

// `kubectl get -o yaml` output for one object, ending in a newline.
std::string to_yaml(const Json& value);

// `kubectl get -o json` output for one object, ending in a newline.
std::string to_json_pretty(const Json& value);

// Go's strconv.FormatFloat(f, fmt, -1, 64) for fmt 'e', 'f' or 'g' (shortest repr).
std::string go_format_float(double f, char fmt);
// How Go's encoding/json writes a float64 ("1e+21", "0.000001", "1e-7").
std::string go_json_float(double f);

}  // namespace kt::api
