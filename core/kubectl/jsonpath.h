// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath), for `-o jsonpath=`,
// `-o jsonpath-as-json=`, `-o custom-columns=` and `--sort-by`:
//   {.items[*].metadata.name}  {range .items[*]}{.metadata.name}{"\n"}{end}
//   {.a['b.c']}  {.items[0:2]}  {.items[-1]}  {..name}  {.items[?(@.x=="y")].name}
//   {.spec.containers[*]['name','image']}  {@}  {$.kind}
// Text outside braces is printed as is. Each action prints its results separated by
// spaces: strings raw, numbers and booleans as Go prints them, maps and lists as
// compact JSON (Go's encoding/json).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/api/json.h"

namespace kt::kubectl {

// Parse and execution failures; what() is client-go's message
// ("unclosed action", "array index out of bounds: index 5, length 2", ...).
class JsonPathError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class JsonPath {
 public:
  // Throws JsonPathError on a malformed template.
  explicit JsonPath(std::string_view tmpl);
  ~JsonPath();
  JsonPath(JsonPath&&) noexcept;

  // allow_missing_keys: kubectl's --allow-missing-template-keys (true by default).
  void allow_missing_keys(bool allow) { allow_missing_ = allow; }

  // The template's text output. Throws JsonPathError.
  std::string execute(const Json& data) const;
  // The results of every action as values, in order (jsonpath-as-json, custom-columns,
  // sort-by); one inner vector per action.
  std::vector<std::vector<Json>> find_results(const Json& data) const;

  struct Node;

 private:
  std::vector<std::shared_ptr<Node>> nodes_;
  bool allow_missing_ = true;
};

// kubectl's RelaxedJSONPathExpression: ".a.b", "a.b" and "{.a.b}" all mean "{.a.b}".
// Throws JsonPathError for what it rejects.
std::string relaxed_jsonpath(const std::string& expr);

// How Go's fmt.Sprint prints a decoded JSON value: strings raw, map[a:1 b:x], [a b].
std::string go_sprint(const Json& v);
// How Go's fmt prints a decoded JSON value with %#v, as kubectl's jsonpath errors show
// the object: map[string]interface {}{"a":1, "b":[]interface {}{"x"}}.
std::string go_sharp_v(const Json& v);
// Go's json.Marshal: compact, keys sorted, <>& escaped.
std::string go_json_compact(const Json& v);

}  // namespace kt::kubectl
