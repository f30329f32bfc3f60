// SHA-256 (FIPS 180-4), for the content hashes kubectl derives names from
// (`create configmap|secret --append-hash`) and the sandbox's token signatures.
#pragma once

#include <string>
#include <string_view>

namespace kt::util {

// The 32-byte digest.
std::string sha256(std::string_view data);
// The digest as 64 lowercase hex digits (Go's fmt.Sprintf("%x", sha256.Sum256(...))).
std::string sha256_hex(std::string_view data);

}  // namespace kt::util
