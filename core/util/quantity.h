// resource.Quantity (apimachinery/pkg/api/resource): fixed-point amounts such as
// `100Mi`, `500m`, `1.5`, `2e3`, parsed and printed exactly as Kubernetes does.
//
// The amount is held exactly in nano units (10^-9) in a 128-bit integer: every value
// kube can hold at its own resolution (it rounds up to 1n) with magnitude below about
// 1.7e29 is represented without loss; bigger ones fail to parse.
//
// Printing (String()) puts the value in canonical form for its format:
//   DecimalSI        1.5 -> "1500m", 1000 -> "1k", 0.1 -> "100m"
//   BinarySI         1.5Gi -> "1536Mi", 0.5Gi -> "512Mi"; below 1024, or not a whole
//                    number, it is printed as DecimalSI (512Ki/1024 -> "512")
//   DecimalExponent  129e6 -> "129e6", 1.5e3 -> "1500"
// and, like kube, a parsed string that is already in canonical form is kept verbatim
// (so "100Mi" stays "100Mi", and so do quirks such as "+5" or "010").
//
// Errors throw std::invalid_argument with the real texts:
//   quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
//   unable to parse quantity's suffix
//   unable to parse numeric part of quantity
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/api/json.h"

namespace kt::util {

class Quantity {
 public:
  enum class Format { DecimalExponent, BinarySI, DecimalSI };
  __extension__ typedef __int128 Nanos;

  Quantity() = default;  // zero, DecimalSI

  static Quantity parse(std::string_view s);                       // ParseQuantity; throws
  static std::optional<Quantity> try_parse(std::string_view s);   // nullopt instead of throwing
  // A JSON string (trimmed, as UnmarshalJSON does) or number; null is zero.
  static Quantity from_json(const Json& j);
  static Quantity from_int(std::int64_t value, Format f = Format::DecimalSI);   // NewQuantity
  static Quantity from_milli(std::int64_t milli, Format f = Format::DecimalSI); // NewMilliQuantity
  static Quantity from_scaled(std::int64_t value, int scale);  // NewScaledQuantity: value*10^scale, DecimalSI

  std::string to_string() const;  // String()
  Json to_json() const { return to_string(); }

  Format format() const { return format_; }
  void set_format(Format f);
  bool is_zero() const { return nanos_ == 0; }
  int sign() const { return nanos_ < 0 ? -1 : nanos_ > 0 ? 1 : 0; }
  Nanos nanos() const { return nanos_; }

  int compare(const Quantity& o) const { return nanos_ < o.nanos_ ? -1 : nanos_ > o.nanos_ ? 1 : 0; }
  bool operator==(const Quantity& o) const { return nanos_ == o.nanos_; }  // Equal: value only
  std::strong_ordering operator<=>(const Quantity& o) const { return compare(o) <=> 0; }

  // Add/Sub: when this is zero it takes the other's format.
  Quantity& operator+=(const Quantity& o);
  Quantity& operator-=(const Quantity& o);
  Quantity operator+(const Quantity& o) const { Quantity r = *this; return r += o; }
  Quantity operator-(const Quantity& o) const { Quantity r = *this; return r -= o; }
  Quantity operator-() const;  // Neg
  Quantity& mul(std::int64_t k);

  std::int64_t value() const;        // Value(): rounded up (away from zero) to an integer
  std::int64_t milli_value() const;  // MilliValue(): value*1000, rounded up
  std::int64_t scaled_value(int scale) const;  // ScaledValue: value/10^scale, rounded up
  double as_double() const;          // AsApproximateFloat64

 private:
  Nanos nanos_ = 0;
  Format format_ = Format::DecimalSI;
  std::string literal_;  // the parsed text, when kube would print it unchanged
};

}  // namespace kt::util
