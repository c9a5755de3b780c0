# Precompiled headers shared by the tree's targets: each translation unit spent about 5 s parsing
# the same third-party headers (cmake/precompiled/precompiled_headers.h), more than most of our own
# code takes to compile, and the window's another few on Qt Widgets and Qt Charts
# (precompiled_gui_headers.h, for the targets that build on miwb-charts).
#
# A precompiled header only serves a compile with the same flags. Libraries and plugins are
# compiled position-independent (-fPIC) and executables as PIE (-fPIE); rather than build each
# header twice, executables that use one are compiled -fPIC too (as fast as PIE's code, and linked
# into the same PIE executable). The owners link what their users link (miwb-core's, or
# miwb-charts', dependencies), so their macros are the ones every user has; a target's own extra
# macros are fine as long as the headers never read them. Targets with other compile flags (the fuzzers' coverage
# instrumentation) and sources marked SKIP_PRECOMPILE_HEADERS are compiled without one.
option(MIWB_PCH "Share one precompiled header of the common third-party headers across the tree" ON)

# TRUE when `target` is `base` or links it, directly or through the tree's own libraries.
function(miwb_builds_on target base out)
  if(target STREQUAL base)
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
    miwb_builds_on(${lib} ${base} found)
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
  foreach(flavour core gui)  # miwb-pch-core, miwb-pch-gui
    set(owner miwb-pch-${flavour})
    add_library(${owner} OBJECT ${here}/precompiled_headers.cpp)
    target_link_libraries(${owner} PRIVATE Qt6::Core Eigen3::Eigen TBB::tbb nlohmann_json::nlohmann_json)
    if(flavour STREQUAL "gui")
      target_link_libraries(${owner} PRIVATE Qt6::Widgets Qt6::Charts Qt6::Svg)
      target_precompile_headers(${owner} PRIVATE ${here}/precompiled_gui_headers.h)
    else()
      target_precompile_headers(${owner} PRIVATE ${here}/precompiled_headers.h)
    endif()
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
    miwb_builds_on(${target} miwb-core on_core)
    if(NOT on_core)
      continue()
    endif()
    miwb_builds_on(${target} miwb-charts on_charts)
    set(flavour core)
    if(on_charts)
      set(flavour gui)
    endif()
    if(type STREQUAL "EXECUTABLE")
      target_compile_options(${target} PRIVATE -fPIC)  # after CMake's -fPIE, so it wins
    endif()
    target_precompile_headers(${target} REUSE_FROM miwb-pch-${flavour})
  endforeach()
endfunction()
