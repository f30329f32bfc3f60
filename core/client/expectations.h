// Controller expectations (pkg/controller/controller_utils.go), on virtual time.
//
// Why: a controller that creates 3 pods must not create 3 more when it syncs again
// before its informer has seen them. Before issuing writes it records how many
// creations/deletions it expects for its key; informer handlers lower the counts as
// the objects show up (creation_observed / deletion_observed); sync only manages
// replicas when satisfied(key):
//   - no record for the key (first sync, or after delete_expectations), or
//   - add <= 0 and del <= 0 (everything observed), or
//   - the record is older than 5 minutes (ExpectationsTimeout): something was lost,
//     e.g. a create that failed without the controller lowering its count.
// A failed create/delete must be lowered by the controller itself (the object
// will never be observed).
//
// UIDTrackingControllerExpectations additionally remembers WHICH pods a controller
// expects to see deleted, so a deletion is counted once even if it is observed
// twice (a graceful delete, then the final removal).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/sim/simulator.h"

namespace kt::client {

inline constexpr sim::Duration kExpectationsTimeout = sim::minutes(5);

struct ControlleeExpectations {
  std::int64_t add = 0;
  std::int64_t del = 0;
  sim::Time timestamp;  // when the expectations were last set

  bool fulfilled() const { return add <= 0 && del <= 0; }
};

class ControllerExpectations {
 public:
  explicit ControllerExpectations(sim::Simulator& sim) : sim_(sim) {}

  std::optional<ControlleeExpectations> get(const std::string& key) const;
  // SatisfiedExpectations.
  bool satisfied(const std::string& key) const;
  bool expired(const std::string& key) const;

  // SetExpectations (replaces the record; timestamp = now).
  void set_expectations(const std::string& key, std::int64_t add, std::int64_t del);
  void expect_creations(const std::string& key, std::int64_t adds) { set_expectations(key, adds, 0); }
  void expect_deletions(const std::string& key, std::int64_t dels) { set_expectations(key, 0, dels); }
  // RaiseExpectations / LowerExpectations (no timestamp change; no-op without a record).
  void raise_expectations(const std::string& key, std::int64_t add, std::int64_t del);
  void lower_expectations(const std::string& key, std::int64_t add, std::int64_t del);
  void creation_observed(const std::string& key) { lower_expectations(key, 1, 0); }
  void deletion_observed(const std::string& key) { lower_expectations(key, 0, 1); }
  void delete_expectations(const std::string& key) { records_.erase(key); }

 protected:
  sim::Simulator& sim_;
  std::map<std::string, ControlleeExpectations> records_;
};

class UIDTrackingControllerExpectations : public ControllerExpectations {
 public:
  using ControllerExpectations::ControllerExpectations;
  using ControllerExpectations::deletion_observed;
  using ControllerExpectations::expect_deletions;

  // ExpectDeletions(rcKey, deletedKeys): sets del = keys.size() and remembers them.
  void expect_deletions(const std::string& key, const std::vector<std::string>& deleted_keys);
  // DeletionObserved(rcKey, deleteKey): lowers del once per remembered key.
  void deletion_observed(const std::string& key, const std::string& deleted_key);
  // DeleteExpectations: forgets both the counts and the keys.
  void delete_expectations(const std::string& key);
  std::set<std::string> get_uids(const std::string& key) const;

 private:
  std::map<std::string, std::set<std::string>> uids_;
};

}  // namespace kt::client
