#include "core/api/json_identical.h"

#include <cstring>

#include "core/util/mismatch.h"

namespace kt {
namespace {

// Keys and strings are short: compared inline, not by a library call each.
bool same_text(const std::string& a, const std::string& b) {
  return a.size() == b.size() && util::mismatch_at(a.data(), b.data(), a.size()) == a.size();
}

}  // namespace

bool identical(const Json& a, const Json& b) {
  using value_t = Json::value_t;
  if (a.type() != b.type()) return false;
  // get_ptr: the types are known equal, so no checked access (get<T> converts).
  switch (a.type()) {
    case value_t::object: {
      const auto* x = a.get_ptr<const Json::object_t*>();
      const auto* y = b.get_ptr<const Json::object_t*>();
      if (x == y || (x->frozen() && x->frozen_node() == y->frozen_node())) return true;  // one node
      if (x->size() != y->size()) return false;
      for (auto i = x->begin(), j = y->begin(); i != x->end(); ++i, ++j)
        if (!same_text(i->first, j->first) || !identical(i->second, j->second)) return false;
      return true;
    }
    case value_t::array: {
      const auto* x = a.get_ptr<const Json::array_t*>();
      const auto* y = b.get_ptr<const Json::array_t*>();
      if (x == y) return true;
      if (x->size() != y->size()) return false;
      for (std::size_t i = 0; i < x->size(); ++i)
        if (!identical((*x)[i], (*y)[i])) return false;
      return true;
    }
    case value_t::string: return same_text(*a.get_ptr<const std::string*>(), *b.get_ptr<const std::string*>());
    case value_t::boolean: return *a.get_ptr<const bool*>() == *b.get_ptr<const bool*>();
    case value_t::number_integer: return *a.get_ptr<const std::int64_t*>() == *b.get_ptr<const std::int64_t*>();
    case value_t::number_unsigned: return *a.get_ptr<const std::uint64_t*>() == *b.get_ptr<const std::uint64_t*>();
    case value_t::number_float: {
      const double x = *a.get_ptr<const double*>(), y = *b.get_ptr<const double*>();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case value_t::binary: return a.get_binary() == b.get_binary();
    case value_t::null:
    case value_t::discarded: return true;
  }
  return false;
}

}  // namespace kt
