// Random and hashed name parts as apimachinery makes them (pkg/util/rand, and the
// apiserver's SimpleNameGenerator), drawn from the sandbox's seeded sim::Random.
//   generate_name("web-", rng)  -> "web-x7k2q"   (metadata.generateName; pods of RS/DS/Job)
//   safe_encode_uint32(h)       -> "5d4b8c9f7"   (pod-template-hash, controller revisions)
// The alphabet has no vowels (and no 0, 1, 3) so generated names spell no words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sim/random.h"

namespace kt::util {

inline constexpr std::string_view kNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
inline constexpr std::size_t kMaxNameLength = 63;
inline constexpr std::size_t kRandomNameLength = 5;
inline constexpr std::size_t kMaxGeneratedNameLength = kMaxNameLength - kRandomNameLength;  // 58

// rand.String(n): n characters drawn uniformly from kNameAlphabet.
std::string rand_string(int n, sim::Random& rng);
// SimpleNameGenerator.GenerateName: base cut to 58 bytes + 5 random characters.
std::string generate_name(std::string_view base, sim::Random& rng);

// rand.SafeEncodeString: each character c becomes kNameAlphabet[c % 27] (by code point).
std::string safe_encode_string(std::string_view s);
// SafeEncodeString of the decimal text of v (fmt.Sprint(hash.Sum32())).
std::string safe_encode_uint32(std::uint32_t v);

// FNV-1a, 32 bit (hash/fnv New32a), continuing from `h`.
std::uint32_t fnv32a(std::string_view data, std::uint32_t h = 2166136261u);
// controller.ComputeHash's tail: FNV-1a of `data` (our stand-in for the spew dump of the
// pod template), then, when a collision count is set, its value as 8 little-endian bytes
// (uint32 and four zero bytes, as kube writes it); the sum safe-encoded.
std::string compute_hash_fnv32a(std::string_view data, std::optional<std::int32_t> collision_count = std::nullopt);

}  // namespace kt::util
