// Name and label-part validators with apimachinery's messages
// (staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go, as in v1.32).
//
// Each returns the list of problems, empty when the value is valid, exactly as the Go
// functions do; callers wrap each message in a FieldError, e.g.
//   metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of ...
// Lengths are byte lengths (Go's len()). The regular expressions are matched by hand.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kt::api {

inline constexpr std::size_t kDNS1123LabelMaxLength = 63;
inline constexpr std::size_t kDNS1123SubdomainMaxLength = 253;
inline constexpr std::size_t kDNS1035LabelMaxLength = 63;
inline constexpr std::size_t kLabelValueMaxLength = 63;
inline constexpr std::size_t kQualifiedNameMaxLength = 63;

// IsDNS1123Label: [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63 bytes.
std::vector<std::string> is_dns1123_label(std::string_view value);
// IsDNS1123Subdomain: labels joined by '.', at most 253 bytes (most object names).
std::vector<std::string> is_dns1123_subdomain(std::string_view value);
// IsDNS1035Label: [a-z]([-a-z0-9]*[a-z0-9])?, at most 63 bytes (Service names).
std::vector<std::string> is_dns1035_label(std::string_view value);
// IsQualifiedName: [prefix/]name, the form of label and annotation keys.
std::vector<std::string> is_qualified_name(std::string_view value);
// IsValidLabelValue: empty, or a name part of at most 63 bytes.
std::vector<std::string> is_valid_label_value(std::string_view value);
// A name part of at most 63 bytes: a key that is_qualified_name and a non-empty value
// that is_valid_label_value accept, with no prefix. The test validation makes of
// every label first, before any message is built.
bool is_plain_name_part(std::string_view value);

// The message builders the validators use (MaxLenError, RegexError, EmptyError).
std::string max_len_error(std::size_t length);
std::string regex_error(std::string_view msg, std::string_view fmt, const std::vector<std::string>& examples);
std::string empty_error();

}  // namespace kt::api
