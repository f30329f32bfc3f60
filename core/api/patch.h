// PATCH as kube-apiserver applies it, and the patches kubectl computes.
//
//   merge_patch      application/merge-patch+json (RFC 7386, as evanphx/json-patch v4
//                    merges objects; kube-apiserver vendors that library)
//   json_patch       application/json-patch+json (RFC 6902, evanphx/json-patch v4
//                    semantics, kube-apiserver's errors)
//   strategic_merge  application/strategic-merge-patch+json (apimachinery's
//                    pkg/util/strategicpatch, the server half)
//   create_two_way_merge_patch / create_three_way_merge_patch
//                    the client half: what kubectl sends for `set image`, `edit`,
//                    and client-side `apply`.
//
// Every function takes its inputs by const reference and returns a new document.
// Failures throw kt::api::ApiError carrying the metav1.Status kube-apiserver answers
// with; where the apiserver passes a library error through untouched, the message is
// that library's Go error text (e.g. "map: map[image:nginx] does not contain declared
// merge key: name", 500, reason "").
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/api/errors.h"
#include "core/api/json.h"

namespace kt::api::patch {

// ---- JSON merge patch ------------------------------------------------------------

// RFC 7386. An object patch merges as evanphx/json-patch does: null deletes a key,
// values added where the target had nothing (or null) lose their nulls, also inside
// arrays. A non-object patch replaces the target (RFC 7386; an array patch loses its
// null elements, as evanphx prunes them). kube-apiserver never gets that far with a
// non-object body: call check_merge_patch_body first.
Json merge_patch(const Json& target, const Json& patch);

// kube-apiserver decodes a merge-patch body into a JSON object before applying it.
// Throws what it answers otherwise: 400 `error decoding patch: json: cannot
// unmarshal array into Go value of type map[string]interface {}` for arrays,
// strings, numbers and booleans; 500 `Invalid JSON Patch` for null.
void check_merge_patch_body(const Json& body);

// ---- JSON patch ------------------------------------------------------------------

// RFC 6902 with evanphx/json-patch v4 behaviour, quirks included: "replace" of a
// missing object key adds it, negative array indices count from the end, "copy" of a
// missing object key writes null, a JSON pointer token "~01" decodes to "~1".
// Errors as kube-apiserver reports them: a body that is not an array of operation
// objects is 400 (`error decoding patch: ...`), more than 10000 operations 413, and
// any operation that does not apply (failed test, missing path, bad index) is 422
// Invalid with the fixed message `the server rejected our request due to an error in
// our request` (the apiserver drops the library's text; json_patch_ops keeps it).
Json json_patch(const Json& target, const Json& ops);

// The library's own failure, with evanphx/json-patch's text, e.g.
// `testing value /spec/replicas failed: test failed`,
// `replace operation does not apply: doc is missing path: /spec/x/y: missing value`.
class JsonPatchFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// json_patch without the apiserver's wrapping: `ops` must already be an array of
// objects. Throws JsonPatchFailure, or ApiError for what panics in Go (a "test" or
// root "replace" without a value).
Json json_patch_ops(const Json& target, const Json& ops);

// ---- strategic merge patch ---------------------------------------------------------

// The patch metadata of one field (the `patchStrategy` / `patchMergeKey` struct tags
// of k8s.io/api). Returned for a list field, `merge_key` non-empty means "merge list
// of objects by this key", `primitive_merge` means "merge list of scalars as a set";
// `retain_keys` on a list ("merge,retainKeys", e.g. PodSpec.volumes) makes the
// computed patches carry $retainKeys in each element. Returned for an object field
// (only `retain_keys` is read), it marks a retainKeys map such as
// DeploymentSpec.strategy.
struct ListStrategy {
  std::string merge_key;
  bool retain_keys = false;
  bool primitive_merge = false;
};

// Field path: dot-separated field names from the object root with list levels
// elided, e.g. "spec.template.spec.containers", "spec.template.spec.containers.ports",
// "metadata.finalizers". nullopt: no metadata; a list is then replaced whole and an
// object merged key by key. An empty Strategy means nullopt everywhere.
using Strategy = std::function<std::optional<ListStrategy>(std::string_view path)>;

// The table for the built-in kinds we serve (Pod, PodTemplate, ReplicationController,
// Deployment, ReplicaSet, DaemonSet, StatefulSet, Job, CronJob, Service, Node,
// Namespace, PersistentVolumeClaim, ServiceAccount, ComponentStatus,
// HorizontalPodAutoscaler, PodDisruptionBudget; every kind gets ObjectMeta's
// finalizers and ownerReferences). Pod specs are mapped wherever they are embedded:
// spec.* (Pod), template.spec.* (PodTemplate), spec.template.spec.* (workloads,
// ReplicationController, Job), spec.jobTemplate.spec.template.spec.* (CronJob).
// Other kinds get only the metadata entries. (kube-apiserver refuses strategic merge
// patches for custom resources with 415; that check is the caller's.)
Strategy builtin_strategy(std::string_view apiVersion, std::string_view kind);

// Applies a strategic merge patch to `original` as kube-apiserver does
// (StrategicMergeMapPatch): maps merge and null deletes a key; lists merge as the
// strategy says and are replaced otherwise; directives $patch (replace | delete in
// maps; delete | replace in merged lists), $retainKeys, $setElementOrder/<list> and
// $deleteFromPrimitiveList/<list> are honoured. Order of a merged list, as apimachinery
// computes it: patch items keep the patch's relative order ($setElementOrder's when
// given) and live-only items keep theirs; the two are interleaved by live position,
// and an item that was not live goes out as soon as it heads the patch items. So
// live [a b c] + patch [d] gives [d a b c] (a container added by a plain patch lands
// at index 0), live [a b c] + $setElementOrder [a b c d] gives [a b c d].
// Nulls and leftover directive keys do not survive into the result, as they would
// not survive kube's decoding into the typed object.
// A null patch is a no-op; any other non-object patch is 400.
Json strategic_merge(const Json& original, const Json& patch, const Strategy& strategy);

// The patch that turns `original` into `modified` (CreateTwoWayMergePatch), as
// `kubectl set image` / `kubectl edit` send it: changed and added fields, null for
// removed ones, {"<mergeKey>": v, "$patch": "delete"} for removed list items,
// $deleteFromPrimitiveList/<list> for removed scalars, $setElementOrder/<list> for
// every merged list that changed, $retainKeys where the strategy says retainKeys.
// {} when there is nothing to change.
Json create_two_way_merge_patch(const Json& original, const Json& modified, const Strategy& strategy);

// Client-side `kubectl apply` (CreateThreeWayMergePatch with overwrite): changes from
// `current` (the live object) to `modified` (the new configuration) without
// deletions, plus deletions of what `original` (the last-applied configuration) had
// and `modified` dropped. kubectl passes `modified` with the
// kubectl.kubernetes.io/last-applied-configuration annotation already set to the new
// configuration; {} means "unchanged".
// Errors are the Go error text kubectl would print after "error: " (ApiError, 500).
Json create_three_way_merge_patch(const Json& original, const Json& modified, const Json& current,
                                  const Strategy& strategy);

}  // namespace kt::api::patch
