// kubectl's -o formats for objects: yaml, json, name, jsonpath=, jsonpath-as-json=,
// custom-columns=, go-template= (the human-readable tables are get.cpp's). One object
// prints as itself; several as kubectl's List (apiVersion v1, kind List,
// metadata.resourceVersion "").
#pragma once

#include <string>
#include <vector>

#include "core/api/json.h"
#include "core/api/resources.h"
#include "core/kubectl/flags.h"

namespace kt::kubectl {

struct OutputFormat {
  enum class Kind { Default, Wide, Yaml, Json, Name, JsonPath, JsonPathAsJson, CustomColumns, GoTemplate };
  Kind kind = Kind::Default;
  std::string arg;  // the template or the column spec
  bool allow_missing_keys = true;
  bool no_headers = false;  // custom-columns
};

// Reads -o (with --template, --allow-missing-template-keys, --no-headers). `tables`:
// whether the command prints tables (get: wide and custom-columns are allowed).
// Sets `error` to kubectl's message for an unknown format.
OutputFormat parse_output(const ParsedArgs& args, bool tables, std::string& error);

// kubectl's List wrapping of several objects.
Json make_list(const std::vector<Json>& items);

// Prints `obj` (an object or a List) in a structured format. Sets `error` (with its
// "error: " prefix and newline) when a template fails.
std::string print_structured(const OutputFormat& fmt, const Json& obj, std::string& error);

// -o name for one object: "deployment.apps/web".
std::string name_line(const Json& obj);

// An object as kubectl prints it: without metadata.managedFields.
Json for_output(const Json& obj);

}  // namespace kt::kubectl
