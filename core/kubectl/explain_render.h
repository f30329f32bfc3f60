// kubectl v1.32's `explain` plaintext output (pkg/explain/v2/templates/plaintext.tmpl)
// rendered from an OpenAPI v3 document's components.schemas, step for step as the
// template walks it: follow the field path through properties, array items, map values
// and allOf; print FIELD/ENUM/DESCRIPTION/FIELDS; guess the type text (<string>,
// <[]Container>, <map[string]string>, <Object>); list fields one-line each when
// recursive, stopping at reference cycles; wrap descriptions as go-wordwrap does.
#pragma once

#include <string>
#include <vector>

#include "core/api/json.h"

namespace kt::kubectl {

struct ExplainResult {
  std::string out;    // what the template printed (the header, then the body)
  std::string error;  // "error: field \"x\" does not exist\n" when the path is not there
  // True when the rendering went through a reference the sandbox does not carry: the
  // text would lack that type's description and fields.
  bool incomplete = false;
};

// `schemas` is components.schemas; `root` the name of the kind's schema;
// group/version/kind its GVK (the header).
ExplainResult render_explain(const Json& schemas, const std::string& root, const std::string& group,
                             const std::string& version, const std::string& kind,
                             const std::vector<std::string>& field_path, bool recursive);

// go-wordwrap v1.0.1's WrapString: break lines at spaces so that they fit `limit`
// characters where a word allows; words longer than the limit stay whole.
std::string word_wrap(const std::string& s, std::size_t limit);

}  // namespace kt::kubectl
