// `-o go-template=`: the part of Go's text/template that kubectl users type:
//   {{.metadata.name}}  {{range .items}}...{{end}}  {{if .x}}...{{else}}...{{end}}
//   {{index .data "key"}}  {{"\n"}}  {{.data.token | base64decode}}  {{len .items}}
//   {{- trims -}} white space.
// The object is seen as kubectl passes it (decoded JSON: numbers are float64), so
// values print as Go's fmt does, and a missing key prints "<no value>".
#pragma once

#include <stdexcept>
#include <string>

#include "core/api/json.h"

namespace kt::kubectl {

class GoTemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws GoTemplateError with Go's text for malformed templates and failed calls.
std::string execute_go_template(const std::string& tmpl, const Json& data);

}  // namespace kt::kubectl
