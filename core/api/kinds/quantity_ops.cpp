#include "core/api/kinds/quantity_ops.h"

#include "core/util/quantity.h"

namespace kt::api::kinds {
namespace {

std::optional<util::Quantity> parse(const Json& v) {
  if (v.is_string()) return util::Quantity::try_parse(v.get<std::string>());
  if (v.is_number()) {
    try {
      return util::Quantity::from_json(v);
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> quantity_sign(const Json& v) {
  auto q = parse(v);
  if (!q) return std::nullopt;
  return q->sign();
}

std::optional<int> quantity_cmp(const Json& a, const Json& b) {
  auto qa = parse(a), qb = parse(b);
  if (!qa || !qb) return std::nullopt;
  return qa->compare(*qb);
}

std::optional<std::string> quantity_string(const Json& v) {
  auto q = parse(v);
  if (!q) return std::nullopt;
  return q->to_string();
}

std::optional<bool> quantity_is_integer(const Json& v) {
  auto q = parse(v);
  if (!q) return std::nullopt;
  return q->milli_value() % 1000 == 0;
}

void canonicalize_resource_list(Json& list) {
  if (!list.is_object()) return;
  for (auto it = list.begin(); it != list.end(); ++it) {
    auto q = parse(*it);
    if (!q) continue;
    // RoundUp(-3): values finer than a milli-unit go up to the next milli-unit.
    constexpr util::Quantity::Nanos kMilli = 1000000;
    if (q->nanos() % kMilli != 0) q = util::Quantity::from_milli(q->milli_value(), q->format());
    *it = q->to_string();
  }
}

}  // namespace kt::api::kinds
