// Deployment helpers, after pkg/controller/deployment/util/deployment_util.go and the
// ReplicaSet sorts of pkg/controller/controller_utils.go. Objects are API JSON;
// functions that change one take a mutable copy (never a cached object).
//
// Worked example of the fenceposts (ResolveFenceposts): 10 replicas, maxSurge 25%,
// maxUnavailable 25% → surge ceil(2.5) = 3, unavailable floor(2.5) = 2: a rollout
// runs at most 13 pods and keeps at least 8 available. maxSurge 0 and
// maxUnavailable 0 (both resolving to 0) → unavailable 1, or it could never move.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/api/object.h"
#include "core/sim/time.h"

namespace kt::controllers::deployment {

using RSList = std::vector<api::ObjectPtr>;

inline constexpr const char* kRevisionAnnotation = "deployment.kubernetes.io/revision";
inline constexpr const char* kRevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
inline constexpr const char* kDesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
inline constexpr const char* kMaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";
inline constexpr const char* kChangeCauseAnnotation = "kubernetes.io/change-cause";
inline constexpr const char* kPodTemplateHashLabel = "pod-template-hash";
// maxRevHistoryLengthInChars.
inline constexpr std::size_t kMaxRevisionHistoryChars = 2000;

// Condition reasons (deployment_util.go).
inline constexpr const char* kNewReplicaSetReason = "NewReplicaSetCreated";
inline constexpr const char* kFoundNewRSReason = "FoundNewReplicaSet";
inline constexpr const char* kReplicaSetUpdatedReason = "ReplicaSetUpdated";
inline constexpr const char* kNewRSAvailableReason = "NewReplicaSetAvailable";
inline constexpr const char* kTimedOutReason = "ProgressDeadlineExceeded";
inline constexpr const char* kFailedRSCreateReason = "ReplicaSetCreateError";
inline constexpr const char* kPausedDeployReason = "DeploymentPaused";
inline constexpr const char* kResumedDeployReason = "DeploymentResumed";
inline constexpr const char* kMinimumReplicasAvailable = "MinimumReplicasAvailable";
inline constexpr const char* kMinimumReplicasUnavailable = "MinimumReplicasUnavailable";

// spec.replicas (defaulted to 1 by the API server).
std::int64_t spec_replicas(const Json& obj);
std::int64_t status_count(const Json& obj, const char* field);

// intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of total rounded up or down.
std::int64_t scaled_value(const Json& int_or_percent, std::int64_t total, bool round_up);
bool is_rolling_update(const Json& d);
// ResolveFenceposts-based MaxSurge / MaxUnavailable (0 for Recreate).
std::int64_t max_surge(const Json& d);
std::int64_t max_unavailable(const Json& d);

// The revision annotation of a ReplicaSet (0 when absent or not a number).
std::int64_t revision(const Json& obj);
std::int64_t max_revision(const RSList& rss);

// controller.ComputeHash of a pod template with the collision count.
std::string compute_hash(const Json& pod_template, std::optional<std::int32_t> collision_count);
// EqualIgnoreHash: equal once the pod-template-hash labels are dropped.
bool equal_ignore_hash(const Json& t1, const Json& t2);

// FindNewReplicaSet: the oldest RS whose template equals the deployment's (null if none).
api::ObjectPtr find_new_replica_set(const Json& d, RSList rss);
// Every RS but `new_rs`.
RSList old_replica_sets(const RSList& rss, const api::ObjectPtr& new_rs);
// FilterActiveReplicaSets: non-null with spec.replicas > 0.
RSList filter_active(const RSList& rss);

// Sums over non-null RSes: spec.replicas, status.replicas, readyReplicas, availableReplicas.
std::int64_t sum_spec_replicas(const RSList& rss);
std::int64_t sum_status(const RSList& rss, const char* field);

// Sorts (controller.ReplicaSetsByCreationTimestamp, ReplicaSetsBySizeOlder/Newer,
// deploymentutil.ReplicaSetsByRevision).
void sort_by_creation(RSList& rss);
void sort_by_size_older(RSList& rss);
void sort_by_size_newer(RSList& rss);
void sort_by_revision(RSList& rss);

// SetReplicasAnnotations: desired-replicas / max-replicas; true when changed.
bool set_replicas_annotations(Json& rs, std::int64_t desired, std::int64_t max_replicas);
bool replicas_annotations_need_update(const Json& rs, std::int64_t desired, std::int64_t max_replicas);
// SetNewReplicaSetAnnotations: copies the deployment's annotations (but the skipped
// ones), raises the revision (keeping the old one in revision-history) and, for an
// RS about to be created, sets the replicas annotations. True when changed.
bool set_new_replica_set_annotations(const Json& d, Json& rs, const std::string& new_revision, bool exists);
// SetDeploymentRevision on the deployment copy; true when changed.
bool set_deployment_revision(Json& d, const std::string& revision);
std::optional<std::int64_t> desired_replicas_annotation(const Json& rs);

// IsSaturated: the RS has all the deployment's replicas, available.
bool is_saturated(const Json& d, const api::ObjectPtr& rs);
// FindActiveOrLatest: the only active RS, or the newest when none is active.
api::ObjectPtr find_active_or_latest(const api::ObjectPtr& new_rs, RSList old_rss);
// GetReplicaSetProportion for proportional scaling.
std::int64_t replica_set_proportion(const Json& rs, const Json& d, std::int64_t to_add, std::int64_t added);
// NewRSNewReplicas: how far the new RS may grow now.
std::int64_t new_rs_new_replicas(const Json& d, const RSList& all, const Json& new_rs);

// Conditions of a DeploymentStatus (JSON object).
const Json* get_condition(const Json& status, std::string_view type);
Json new_condition(std::string_view type, std::string_view status, std::string_view reason, std::string_view message,
                   sim::Time now);
void set_condition(Json& status, Json cond);
void remove_condition(Json& status, std::string_view type);

bool has_progress_deadline(const Json& d);
bool has_revision_history_limit(const Json& d);
// DeploymentComplete / DeploymentProgressing / DeploymentTimedOut.
bool deployment_complete(const Json& d, const Json& new_status);
bool deployment_progressing(const Json& d, const Json& new_status);
bool deployment_timed_out(const Json& d, const Json& new_status, sim::Time now);

}  // namespace kt::controllers::deployment
