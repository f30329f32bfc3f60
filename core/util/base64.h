// RFC 4648 base64 (standard alphabet, padded), as Secrets store their data.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kt::util {

std::string base64_encode(std::string_view data);
// nullopt for input that is not base64 (whitespace is not allowed, as in a Secret).
std::optional<std::string> base64_decode(std::string_view text);
// The URL-safe alphabet without padding (JWT segments).
std::string base64url_encode(std::string_view data);

}  // namespace kt::util
