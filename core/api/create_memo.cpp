#include "core/api/create_memo.h"

#include "core/api/json_identical.h"

namespace kt::api {

const CreateMemo::Entry* CreateMemo::find(const ResourceInfo& res) const {
  auto it = entries_.find(&res);
  return it == entries_.end() ? nullptr : &it->second;
}

bool CreateMemo::decoded(const ResourceInfo& res, const Json& spec) const {
  const Entry* e = find(res);
  return e && !e->decoded.is_null() && identical(e->decoded, spec);
}

void CreateMemo::remember_decoded(const ResourceInfo& res, const Json& spec) {
  Entry& e = entries_[&res];
  e.decoded = spec;
  e.defaulted = nullptr;
}

const Json* CreateMemo::defaulted(const ResourceInfo& res) const {
  const Entry* e = find(res);
  return e && !e->defaulted.is_null() ? &e->defaulted : nullptr;
}

void CreateMemo::remember_defaulted(const ResourceInfo& res, const Json& spec) { entries_[&res].defaulted = spec; }

bool CreateMemo::validated(const ResourceInfo& res, const Json& spec) const {
  const Entry* e = find(res);
  if (!e || !e->validated) return false;
  auto it = e->validated->find("spec");
  return it != e->validated->end() && identical(*it, spec);
}

void CreateMemo::remember_validated(const ResourceInfo& res, ObjectPtr stored) {
  entries_[&res].validated = std::move(stored);
}

}  // namespace kt::api
