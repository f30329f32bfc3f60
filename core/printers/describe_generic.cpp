// The generic describer (kinds without their own): the object's fields, sorted, as
// "Smart Label:  value" lines, nested maps and lists indented a level.
#include <algorithm>
#include <cctype>
#include <set>
#include "core/printers/describe_util.h"

namespace kt::printers::describe_detail {
namespace {

// fatih/camelcase.Split, then describe's smartLabelFor.
std::string smart_label(const std::string& field) {
  for (char c : field)
    if (!std::isalpha(static_cast<unsigned char>(c)) && c != '-') return field;
  auto cls = [](char c) {
    if (std::islower(static_cast<unsigned char>(c))) return 1;
    if (std::isupper(static_cast<unsigned char>(c))) return 2;
    if (std::isdigit(static_cast<unsigned char>(c))) return 3;
    return 4;
  };
  std::vector<std::string> runs;
  int last = 0;
  for (char c : field) {
    int k = cls(c);
    if (runs.empty() || k != last) runs.emplace_back();
    runs.back() += c;
    last = k;
  }
  for (std::size_t i = 0; i + 1 < runs.size(); ++i)
    if (!runs[i].empty() && cls(runs[i][0]) == 2 && !runs[i + 1].empty() && cls(runs[i + 1][0]) == 1) {
      runs[i + 1] = runs[i].back() + runs[i + 1];
      runs[i].pop_back();
    }
  static const std::set<std::string> acronyms = {"API", "URL", "UID", "OSB", "GUID"};
  std::string out;
  for (auto part : runs) {
    if (part.empty() || part == "_") continue;
    std::string up = part;
    std::transform(up.begin(), up.end(), up.begin(), ::toupper);
    if (acronyms.count(up)) part = up;
    else part[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(part[0])));
    out += (out.empty() ? "" : " ") + part;
  }
  return out;
}

std::string go_value(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "<nil>";
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

void unstructured(PrefixWriter& w, int level, const Json& content, const std::string& prefix,
                  const std::set<std::string>& skip) {
  if (!content.is_object()) return;
  for (auto it = content.begin(); it != content.end(); ++it) {
    const std::string path = prefix + "." + it.key();
    if (skip.count(path)) continue;
    const Json& v = it.value();
    if (v.is_object()) {
      w.write(level, smart_label(it.key()) + ":\n");
      unstructured(w, level + 1, v, path, skip);
    } else if (v.is_array()) {
      w.write(level, smart_label(it.key()) + ":\n");
      for (const auto& child : v) {
        if (child.is_object()) unstructured(w, level + 1, child, path, skip);
        else w.write(level + 1, go_value(child) + "\n");
      }
    } else {
      w.write(level, smart_label(it.key()) + ":\t" + go_value(v) + "\n");
    }
  }
}

}  // namespace

std::string describe_generic(const DescribeContext& ctx, const Json& obj) {
  PrefixWriter w;
  w.write(L0, "Name:\t" + api::meta::name(obj) + "\n");
  w.write(L0, "Namespace:\t" + api::meta::namespace_of(obj) + "\n");
  labels_multiline(w, "Labels", api::meta::labels(obj));
  annotations_multiline(w, "Annotations", api::meta::annotations(obj));
  unstructured(w, L0, obj, "",
               {".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
                ".metadata.annotations"});
  events_of(ctx, w, obj, s(obj, {"kind"}));
  return w.finish();
}

}  // namespace kt::printers::describe_detail
