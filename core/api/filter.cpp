#include "core/api/filter.h"

#include "core/api/fields.h"
#include "core/api/labels.h"

namespace kt::api {

ObjectFilter make_filter(const ResourceInfo& res, const std::string& label_selector,
                         const std::string& field_selector) {
  std::optional<LabelSelector> labels;
  std::optional<FieldSelector> fields;
  // The parsers throw std::invalid_argument carrying the Go error text verbatim.
  try {
    if (!label_selector.empty()) labels = LabelSelector::parse(label_selector);
    if (!field_selector.empty()) fields = FieldSelector::parse(field_selector);
  } catch (const std::invalid_argument& e) {
    throw ApiError::bad_request(e.what());
  }
  if (fields) {
    for (const auto& req : fields->requirements())
      if (auto err = field_label_error(res.qualified(), req.field)) throw ApiError::bad_request(*err);
  }
  if (!labels && !fields) return nullptr;
  return [labels = std::move(labels), fields = std::move(fields)](const Json& obj) {
    if (labels && !labels->matches(meta::labels(obj))) return false;
    if (fields && !fields->matches([&](std::string_view f) { return field_value(obj, f); })) return false;
    return true;
  };
}

std::string selector_string(const Json& label_selector) {
  return format_label_selector(label_selector);
}

std::string selector_string_from_map(const Json& selector) {
  std::string out;
  if (!selector.is_object()) return out;
  for (const auto& [k, v] : selector.items()) {
    if (!out.empty()) out += ",";
    out += k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return out;
}

}  // namespace kt::api
