// List/watch filtering: label and field selectors turned into one predicate, with
// kube-apiserver's errors for bad selectors and unsupported field labels.
#pragma once

#include <string>

#include "core/api/json.h"
#include "core/api/resources.h"
#include "core/api/store.h"

namespace kt::api {

// Null when both selectors are empty. Throws ApiError(BadRequest) on a bad one.
ObjectFilter make_filter(const ResourceInfo& res, const std::string& label_selector, const std::string& field_selector);

// metav1.LabelSelector → "app=nginx,tier in (web)" (metav1.FormatLabelSelector).
std::string selector_string(const Json& label_selector);
// A plain map selector (ReplicationController, Service) → "a=b,c=d" in key order.
std::string selector_string_from_map(const Json& selector);

}  // namespace kt::api
