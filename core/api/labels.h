// Label selectors as apimachinery's pkg/labels has them (selector.go), plus the
// metav1.LabelSelector helpers (LabelSelectorAsSelector, FormatLabelSelector) and the
// label validation of apimachinery/pkg/apis/meta/v1/validation.
//
// Syntax (`kubectl get -l`, `?labelSelector=`):
//   app=web, tier==db, env!=prod, env in (a,b), env notin (c), gpu, !gpu, rank>2, rank<9
// Requirements are ANDed and kept sorted by key, so to_string() is canonical:
//   LabelSelector::parse("tier=db, app in (b,a)").to_string() == "app in (a,b),tier=db"
//
// Parse failures throw std::invalid_argument whose what() is the Go error text, e.g.
//   unable to parse requirement: <nil>: Invalid value: "-x": name part must consist of ...
//   found 'b', expected: ',' or ')'
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/api/errors.h"
#include "core/api/json.h"

namespace kt::api {

// selection.Operator.
enum class LabelOp { In, NotIn, Equals, DoubleEquals, NotEquals, Exists, DoesNotExist, GreaterThan, LessThan };

// One requirement. `values` are sorted and unique when they come from parse().
struct LabelRequirement {
  std::string key;
  LabelOp op = LabelOp::Exists;
  std::vector<std::string> values;

  // labels: a JSON object of string values, or null (no labels).
  bool matches(const Json& labels) const;
  std::string to_string() const;  // "app in (a,b)", "!gpu", "rank>2"
};

class LabelSelector {
 public:
  LabelSelector() = default;  // Everything(): no requirements, matches all

  static LabelSelector everything() { return {}; }
  // labels.Nothing(): matches no labels; what a nil metav1.LabelSelector converts to.
  static LabelSelector nothing();

  // labels.Parse. Throws std::invalid_argument with the real message.
  static LabelSelector parse(std::string_view selector);
  // metav1.LabelSelectorAsSelector: null -> nothing(); {} -> everything();
  // matchLabels become `=` requirements, matchExpressions In/NotIn/Exists/DoesNotExist.
  // Throws std::invalid_argument (e.g. `"Foo" is not a valid label selector operator`).
  static LabelSelector from_json(const Json& metav1_label_selector);
  // labels.SelectorFromSet: every key=value of a label map (object or null).
  static LabelSelector from_set(const Json& labels);

  bool matches(const Json& labels) const;
  // True when it does not restrict anything (Everything). Nothing is not empty.
  bool empty() const { return !nothing_ && reqs_.empty(); }
  bool matches_nothing() const { return nothing_; }
  // Requirements joined by ",", as kube prints it (describe `Selector:`); "" when empty.
  std::string to_string() const;
  const std::vector<LabelRequirement>& requirements() const { return reqs_; }
  // RequiresExactMatch: the single value a `=`/`==`/`in (x)` requirement on `label` demands.
  std::optional<std::string> requires_exact_match(std::string_view label) const;
  // Add: a copy with more requirements (re-sorted by key).
  LabelSelector add(std::vector<LabelRequirement> more) const;

 private:
  std::vector<LabelRequirement> reqs_;  // sorted by key (stable)
  bool nothing_ = false;
};

// metav1.FormatLabelSelector: the selector string, "<none>" when it selects everything
// (or nothing), "<error>" when it does not convert.
std::string format_label_selector(const Json& metav1_label_selector);
// labels.Set.String / FormatLabels: "a=1,b=2" sorted by key; "<none>" when empty.
std::string format_labels(const Json& labels);

// metav1validation.ValidateLabelSelector (values of expressions checked too, as for new
// objects). `path` is the selector's field path, e.g. "spec.selector".
FieldErrors validate_label_selector(const Json& metav1_label_selector, const std::string& path);
// metav1validation.ValidateLabels: each key a qualified name, each value a label value;
// every error is reported at `path` (e.g. "metadata.labels"), as kube does.
FieldErrors validate_labels(const Json& labels, std::string_view path);
// metav1validation.ValidateLabelName.
FieldErrors validate_label_name(std::string_view name, const std::string& path);

}  // namespace kt::api
