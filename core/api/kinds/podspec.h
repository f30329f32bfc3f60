// The PodSpec and PodTemplateSpec parts every workload kind shares: v1 defaulting
// (pkg/apis/core/v1/defaults.go and the generated defaulters), validation
// (ValidatePodSpec, ValidatePodTemplateSpec in pkg/apis/core/validation) and the QoS
// class (pkg/apis/core/helper/qos).
#pragma once

#include <string>
#include <vector>

#include "core/api/errors.h"
#include "core/api/json.h"

namespace kt::api::kinds {

// Pod objects get SetDefaults_Pod on top of the PodSpec defaults (requests from
// limits, enableServiceLinks, host ports under hostNetwork); templates do not.
enum class PodSpecOf { Pod, Template };

// Applies the v1 defaults to a PodSpec in place.
void default_pod_spec(Json& spec, PodSpecOf of);
// Applies the defaults to a PodTemplateSpec: its spec, and the `creationTimestamp: null`
// every serialized template shows in v1.32.
void default_pod_template(Json& tmpl);

// ValidatePodSpec. `resource_is_pod` as PodValidationOptions.ResourceIsPod.
void validate_pod_spec(const Json& spec, const std::string& path, bool resource_is_pod, FieldErrors& errs);
// ValidatePodTemplateSpec: labels, annotations, the spec, no ephemeral containers.
void validate_pod_template_spec(const Json& tmpl, const std::string& path, FieldErrors& errs);
// validateContainersOnlyForPod: the image must not have leading/trailing whitespace.
void validate_containers_only_for_pod(const Json& spec, FieldErrors& errs);

// The volume source fields, in the order validateVolumeSource checks them.
const std::vector<std::string>& volume_source_keys();

// qos.GetPodQOS: "Guaranteed", "Burstable" or "BestEffort".
std::string pod_qos_class(const Json& spec);

// A go-cmp style rendering of what changed between two specs, for the long
// "may not change fields" messages (an approximation of cmp.Diff's output).
std::string spec_diff(const Json& before, const Json& after, const std::string& type_name);

}  // namespace kt::api::kinds
