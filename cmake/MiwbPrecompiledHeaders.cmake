# One precompiled header (cmake/precompiled/precompiled_headers.h) shared by every target of the
# tree that builds on miwb-core: each translation unit spent about 5 s parsing the same third-party
# headers, a third of the tree's compile time (docs/reliability.md, CI budget).
#
# A precompiled header only serves a compile with the same flags. Libraries and plugins are
# compiled position-independent (-fPIC) and executables as PIE (-fPIE), so there are two owners.
# The owners link what miwb-core exports, so their macros are the ones every user of miwb-core
# has; a target's own extra macros are fine as long as the headers above never read them.
# Targets with other compile flags (the fuzzers' coverage instrumentation) and sources marked
# SKIP_PRECOMPILE_HEADERS are compiled without it.
option(MIWB_PCH "Share one precompiled header of the common third-party headers across the tree" ON)

# TRUE when `target` is miwb-core or links it, directly or through the tree's own libraries.
function(miwb_builds_on_core target out)
  if(target STREQUAL "miwb-core")
    set(${out} TRUE PARENT_SCOPE)
    return()
  endif()
  get_target_property(libs ${target} LINK_LIBRARIES)
  foreach(lib IN LISTS libs)
    if(lib MATCHES "^\\$<" OR NOT TARGET ${lib})
      continue()
    endif()
    get_target_property(aliased ${lib} ALIASED_TARGET)
    if(aliased)
      set(lib ${aliased})
    endif()
    get_target_property(imported ${lib} IMPORTED)
    if(imported)
      continue()
    endif()
    miwb_builds_on_core(${lib} found)
    if(found)
      set(${out} TRUE PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} FALSE PARENT_SCOPE)
endfunction()

function(miwb_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    miwb_collect_targets(${sub} more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

# Call once, after every target is defined.
function(miwb_share_precompiled_headers)
  if(NOT MIWB_PCH)
    return()
  endif()
  set(here ${CMAKE_SOURCE_DIR}/cmake/precompiled)
  add_library(miwb-pch-library OBJECT ${here}/precompiled_headers.cpp)
  add_executable(miwb-pch-executable ${here}/precompiled_headers.cpp)
  foreach(owner miwb-pch-library miwb-pch-executable)
    target_link_libraries(${owner} PRIVATE Qt6::Core Eigen3::Eigen TBB::tbb nlohmann_json::nlohmann_json)
    target_precompile_headers(${owner} PRIVATE ${here}/precompiled_headers.h)
    set_target_properties(${owner} PROPERTIES AUTOMOC OFF)
  endforeach()

  miwb_collect_targets(${CMAKE_SOURCE_DIR} targets)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    get_target_property(options ${target} COMPILE_OPTIONS)
    if(NOT type MATCHES "^(EXECUTABLE|SHARED_LIBRARY|MODULE_LIBRARY|STATIC_LIBRARY|OBJECT_LIBRARY)$"
       OR target MATCHES "^miwb-pch-" OR "${options}" MATCHES "fuzzer")
      continue()
    endif()
    miwb_builds_on_core(${target} on_core)
    if(NOT on_core)
      continue()
    endif()
    if(type STREQUAL "EXECUTABLE")
      target_precompile_headers(${target} REUSE_FROM miwb-pch-executable)
    else()
      target_precompile_headers(${target} REUSE_FROM miwb-pch-library)
    endif()
  endforeach()
endfunction()
