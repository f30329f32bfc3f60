// The error Go's encoding/json scanner reports for a malformed JSON value, as kubectl
// prints it when `-f` reads a JSON manifest (apimachinery's YAMLOrJSONDecoder wraps
// a json.SyntaxError as "json: offset N: invalid character 'x' after object key";
// input that ends inside a value is "unexpected EOF").
#pragma once

#include <string>
#include <string_view>

namespace kt::api {

// The message for the value that starts at `start` in `text` (offsets count from
// the start of `text`); "" when that value is well-formed.
std::string go_json_syntax_error(std::string_view text, std::size_t start);

}  // namespace kt::api
