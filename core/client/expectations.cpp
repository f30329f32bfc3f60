#include "core/client/expectations.h"

namespace kt::client {

std::optional<ControlleeExpectations> ControllerExpectations::get(const std::string& key) const {
  auto it = records_.find(key);
  if (it == records_.end()) return std::nullopt;
  return it->second;
}

bool ControllerExpectations::expired(const std::string& key) const {
  auto it = records_.find(key);
  if (it == records_.end()) return false;
  return sim_.now() - it->second.timestamp > kExpectationsTimeout;
}

bool ControllerExpectations::satisfied(const std::string& key) const {
  auto it = records_.find(key);
  if (it == records_.end()) return true;  // a new controller, or one whose record was deleted
  if (it->second.fulfilled()) return true;
  return expired(key);
}

void ControllerExpectations::set_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
  records_[key] = ControlleeExpectations{add, del, sim_.now()};
}

void ControllerExpectations::raise_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
  auto it = records_.find(key);
  if (it == records_.end()) return;
  it->second.add += add;
  it->second.del += del;
}

void ControllerExpectations::lower_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
  auto it = records_.find(key);
  if (it == records_.end()) return;
  it->second.add -= add;
  it->second.del -= del;
}

void UIDTrackingControllerExpectations::expect_deletions(const std::string& key,
                                                         const std::vector<std::string>& deleted_keys) {
  auto& set = uids_[key];
  set.clear();
  set.insert(deleted_keys.begin(), deleted_keys.end());
  ControllerExpectations::expect_deletions(key, static_cast<std::int64_t>(deleted_keys.size()));
}

void UIDTrackingControllerExpectations::deletion_observed(const std::string& key, const std::string& deleted_key) {
  auto it = uids_.find(key);
  if (it == uids_.end() || !it->second.erase(deleted_key)) return;
  lower_expectations(key, 0, 1);
}

void UIDTrackingControllerExpectations::delete_expectations(const std::string& key) {
  uids_.erase(key);
  ControllerExpectations::delete_expectations(key);
}

std::set<std::string> UIDTrackingControllerExpectations::get_uids(const std::string& key) const {
  auto it = uids_.find(key);
  return it == uids_.end() ? std::set<std::string>{} : it->second;
}

}  // namespace kt::client
