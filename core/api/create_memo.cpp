#include "core/api/create_memo.h"

#include "core/api/json_identical.h"

namespace kt::api {

const CreateMemo::Entry* CreateMemo::find(const ResourceInfo& res) const {
  auto it = entries_.find(&res);
  return it == entries_.end() ? nullptr : &it->second;
}

bool CreateMemo::Members::has(const Json* m) const {
  for (std::size_t i = 0; i < n_; ++i)
    if (at_[i] == m) return true;
  return false;
}

void CreateMemo::Members::add(const Json* m) {
  if (n_ < at_.size()) at_[n_++] = m;
}

CreateMemo::Members CreateMemo::decoded(const ResourceInfo& res, const Json& obj) const {
  Members out;
  const Entry* e = find(res);
  if (!e || !e->decoded.is_object() || !obj.is_object()) return out;
  const auto& remembered = e->decoded.get_ref<const Json::object_t&>();
  for (const auto& [name, value] : obj.get_ref<const Json::object_t&>()) {
    if (!value.is_structured()) continue;
    auto it = remembered.find(name);
    if (it != remembered.end() && identical(it->second, value)) out.add(&value);
  }
  return out;
}

void CreateMemo::remember_decoded(const ResourceInfo& res, const Json& obj, const Members& known) {
  if (!obj.is_object()) return;
  Entry& e = entries_[&res];
  if (!e.decoded.is_object()) e.decoded = Json::object();
  for (const auto& [name, value] : obj.get_ref<const Json::object_t&>()) {
    if (!value.is_structured() || known.has(&value)) continue;
    // Frozen: the next creates compare against it, and a node's members are read as
    // an array (a tree's are followed node by node).
    set_member(e.decoded, name, value.is_object() ? borrow_frozen(*make_frozen(value)) : value);
    if (name == "spec") e.defaulted.reset();
  }
}

const Json* CreateMemo::defaulted(const ResourceInfo& res) const {
  const Entry* e = find(res);
  return e && e->defaulted ? e->defaulted.get() : nullptr;
}

void CreateMemo::remember_defaulted(const ResourceInfo& res, const Json& spec) {
  entries_[&res].defaulted = make_frozen(spec);
}

const Json* CreateMemo::validated(const ResourceInfo& res, const Json& spec) const {
  const Entry* e = find(res);
  return e && e->validated_spec && identical(*e->validated_spec, spec) ? e->validated_spec : nullptr;
}

const Json* CreateMemo::validated_status(const ResourceInfo& res) const {
  const Entry* e = find(res);
  return e ? e->validated_status : nullptr;
}

void CreateMemo::remember_validated(const ResourceInfo& res, ObjectPtr stored) {
  Entry& e = entries_[&res];
  e.validated = std::move(stored);
  // A stored object's members are never null: null is field()'s "absent".
  auto member = [&](std::string_view k) -> const Json* {
    if (!e.validated) return nullptr;
    const Json& m = field(*e.validated, {k});
    return m.is_null() ? nullptr : &m;
  };
  e.validated_spec = member("spec");
  e.validated_status = member("status");
}

}  // namespace kt::api
