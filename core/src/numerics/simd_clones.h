#pragma once
// MIWB_SIMD_CLONES on a function builds one copy per x86-64 instruction-set level and picks the
// widest the CPU has at load time, so a portable binary still runs its hot loops at full SIMD width.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define MIWB_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define MIWB_SIMD_CLONES
#endif
