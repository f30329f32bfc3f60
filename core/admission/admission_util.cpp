#include "core/admission/admission_util.h"

#include <algorithm>
#include <set>

#include "core/api/object.h"
#include "core/util/names.h"

namespace kt::admission {
namespace {

bool looks_generated(const std::string& name, const std::string& generate) {
  const std::string base = generate.substr(0, std::min(generate.size(), util::kMaxGeneratedNameLength));
  if (name.size() != base.size() + util::kRandomNameLength || name.compare(0, base.size(), base) != 0) return false;
  for (std::size_t i = base.size(); i < name.size(); ++i)
    if (util::kNameAlphabet.find(name[i]) == std::string_view::npos) return false;
  return true;
}

}  // namespace

bool is_core(const api::ResourceInfo& res, std::string_view plural) {
  return res.group.empty() && res.plural == plural;
}

std::string request_name(const api::AdmissionRequest& req) {
  const Json* obj = req.object ? req.object : req.old_object;
  std::string name = req.name;
  std::string generate;
  if (obj) {
    if (name.empty()) name = api::str_field(*obj, {"metadata", "name"});
    generate = api::str_field(*obj, {"metadata", "generateName"});
  }
  if (req.operation == api::Operation::Create && !generate.empty() && (name.empty() || looks_generated(name, generate)))
    return generate;
  return name.empty() ? "Unknown" : name;
}

api::ApiError forbidden(const api::AdmissionRequest& req, const std::string& why) {
  return api::ApiError::forbidden(req.resource.qualified(), request_name(req), why);
}

std::string aggregate(const std::vector<std::string>& errs) {
  std::set<std::string> seen;
  std::string out;
  for (const auto& e : errs) {
    if (!seen.insert(e).second) continue;
    if (seen.size() > 1) out += ", ";
    out += e;
  }
  return seen.size() > 1 ? "[" + out + "]" : out;
}

}  // namespace kt::admission
