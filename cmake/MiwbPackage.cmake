# The SDK as an installed CMake package (miwbConfig.cmake, miwbConfigVersion.cmake, the targets and
# the plugin function), and the Debian packages `cpack -G DEB` makes from the install components
# (cmake/MiwbInstallLayout.cmake names them; scripts/make-packages.sh runs cpack):
#   libmiwb1      libs     the SDK's shared libraries
#   miwb-cli      cli      the command line tool, its private library and the bundled plugins
#   miwb          gui      the window, the figure module, desktop entry, icon, metainfo
#   libmiwb-dev   dev      headers, unversioned links, the CMake package
#   python3-miwb  python   the Python module (when python/ builds it)
# The Debian revision comes from the top entry of packaging/changelog, whose upstream version must
# be the project's: a rebuild with a new revision is a new changelog entry.
include(CMakePackageConfigHelpers)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/miwbConfig.cmake.in
  ${CMAKE_BINARY_DIR}/miwbConfig.cmake INSTALL_DESTINATION ${MIWB_INSTALL_CMAKEDIR})
# Plugins need the same major version; a host of a newer minor still loads them.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/miwbConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_BINARY_DIR}/miwbConfig.cmake ${CMAKE_BINARY_DIR}/miwbConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/MiwbPlugin.cmake
        DESTINATION ${MIWB_INSTALL_CMAKEDIR} COMPONENT dev)

set(miwb_packaging_dir ${CMAKE_SOURCE_DIR}/packaging)
file(STRINGS ${miwb_packaging_dir}/changelog miwb_changelog_top LIMIT_COUNT 1)
if(NOT miwb_changelog_top MATCHES "^miwb \\(([0-9.]+)-([0-9]+)\\) ")
  message(FATAL_ERROR "packaging/changelog: the first line must read 'miwb (VERSION-REVISION) ...', got '${miwb_changelog_top}'")
endif()
set(MIWB_DEB_UPSTREAM_VERSION ${CMAKE_MATCH_1})
set(MIWB_DEB_REVISION ${CMAKE_MATCH_2})
if(NOT MIWB_DEB_UPSTREAM_VERSION STREQUAL PROJECT_VERSION)
  # Not fatal for a build; scripts/make-packages.sh refuses to package it.
  message(WARNING "packaging/changelog's top entry is ${MIWB_DEB_UPSTREAM_VERSION}, the project is ${PROJECT_VERSION}: "
                  "add a changelog entry before making packages")
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${miwb_packaging_dir}/changelog)
# The date of that entry ("Mon, 07 Dec 2026 04:00:00 +0000"), for the man pages.
file(STRINGS ${miwb_packaging_dir}/changelog miwb_changelog_trailer REGEX "^ -- " LIMIT_COUNT 1)
string(REGEX MATCH "[0-9]+ [A-Z][a-z][a-z] [0-9][0-9][0-9][0-9]" MIWB_DEB_DATE "${miwb_changelog_trailer}")
include(${CMAKE_CURRENT_LIST_DIR}/MiwbManPages.cmake)

# Every package carries the copyright file and the Debian changelog, compressed without a time stamp.
set(miwb_changelog_gz ${CMAKE_BINARY_DIR}/packaging/changelog.Debian.gz)
add_custom_command(OUTPUT ${miwb_changelog_gz}
  COMMAND sh -c "gzip -9nc '${miwb_packaging_dir}/changelog' > '${miwb_changelog_gz}'"
  DEPENDS ${miwb_packaging_dir}/changelog VERBATIM)
add_custom_target(miwb-changelog ALL DEPENDS ${miwb_changelog_gz})

set(miwb_deb_components libs cli gui dev)
if(TARGET miwb-python)
  list(APPEND miwb_deb_components python)
endif()
set(miwb_deb_name_libs libmiwb${PROJECT_VERSION_MAJOR})
set(miwb_deb_name_cli miwb-cli)
set(miwb_deb_name_gui miwb)
set(miwb_deb_name_dev libmiwb-dev)
set(miwb_deb_name_python python3-miwb)
foreach(component IN LISTS miwb_deb_components)
  install(FILES ${miwb_packaging_dir}/copyright ${miwb_changelog_gz}
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${miwb_deb_name_${component}} COMPONENT ${component})
endforeach()

# miwb-package-inputs builds what the packages hold: every target outside tests/ and bench/, so that
# scripts/make-packages.sh neither waits for nor depends on the test executables.
function(miwb_package_input_targets dir out)
  set(targets)
  if(NOT dir MATCHES "^${CMAKE_SOURCE_DIR}/(tests|bench)(/|$)")
    get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
    get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
    foreach(sub IN LISTS subdirs)
      miwb_package_input_targets(${sub} more)
      list(APPEND targets ${more})
    endforeach()
  endif()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()
miwb_package_input_targets(${CMAKE_SOURCE_DIR} miwb_package_inputs)
add_custom_target(miwb-package-inputs)
add_dependencies(miwb-package-inputs ${miwb_package_inputs})

set(CPACK_PACKAGE_NAME miwb)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "MI Workbench developers")
set(CPACK_PACKAGE_CONTACT "MI Workbench maintainers <maintainers@users.noreply.r-seed-e0c80b93.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")  # emptied for the packages (MiwbCPackProject.cmake)
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL ${miwb_deb_components})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE ${MIWB_DEB_REVISION})
set(CPACK_DEBIAN_PACKAGE_SOURCE miwb)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Run-time dependencies from the binaries themselves (dpkg-shlibdeps); our own libraries are found in
# the build tree (they belong to no installed package yet) and named below with exact versions.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${CMAKE_BINARY_DIR}/lib)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
# Our packages depend on each other at exactly the version being made: MiwbCPackProject.cmake fills
# it in when cpack runs, so that `cpack -D CPACK_DEBIAN_PACKAGE_RELEASE=N` makes a consistent set.
set(miwb_deb_exact "(= %MIWB_DEB_VERSION%)")
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_CURRENT_LIST_DIR}/MiwbCPackProject.cmake)

set(CPACK_DEBIAN_LIBS_PACKAGE_NAME ${miwb_deb_name_libs})
set(CPACK_DEBIAN_LIBS_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_LIBS_PACKAGE_MULTIARCH same)
# ld.so's cache by dpkg trigger (scripts/make-packages.sh drops the ldconfig calls CPack adds).
set(CPACK_DEBIAN_LIBS_PACKAGE_CONTROL_EXTRA ${miwb_packaging_dir}/triggers)
set(CPACK_DEBIAN_LIBS_DESCRIPTION "mutual-information workbench - SDK libraries
MI Workbench measures mutual information (MI) in data and in neural networks:
it runs many MI estimators on the same data side by side, draws the
information plane of a network from saved activations, and draws scaling
curves that show when an estimator can be trusted.

This package holds the shared libraries that the programs and every
estimator or dataset plugin link: libmiwb-core (the plugin interfaces, data
types, parameter schemas, numerics and file readers) and libmiwb-stores (the
activation-store readers for .npz, .h5 and folders of .npy files).")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME ${miwb_deb_name_cli})
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION science)
set(CPACK_DEBIAN_CLI_PACKAGE_DEPENDS "${miwb_deb_name_libs} ${miwb_deb_exact}")
set(CPACK_DEBIAN_CLI_DESCRIPTION "mutual-information workbench - command line tool and plugins
MI Workbench measures mutual information (MI) in data and in neural networks:
it runs many MI estimators on the same data side by side, draws the
information plane of a network from saved activations, and draws scaling
curves that show when an estimator can be trusted.

This package holds miwb-cli, the headless front end, with the bundled
estimator plugins (KSG, Gaussian, binning, kernel density, neural bounds and
more) and dataset plugins with known MI. It estimates MI from .npy or .csv
files, runs experiments into resumable result folders, runs them in shards
on a SLURM cluster and merges the shards, all without a display or any
graphical library. Figures (run --figures) need the package miwb.")

set(CPACK_DEBIAN_GUI_PACKAGE_NAME ${miwb_deb_name_gui})
set(CPACK_DEBIAN_GUI_PACKAGE_SECTION science)
set(CPACK_DEBIAN_GUI_PACKAGE_DEPENDS "${miwb_deb_name_cli} ${miwb_deb_exact}")
set(CPACK_DEBIAN_GUI_PACKAGE_RECOMMENDS "qt6-wayland")
set(CPACK_DEBIAN_GUI_DESCRIPTION "mutual-information workbench - desktop application
MI Workbench measures mutual information (MI) in data and in neural networks:
it runs many MI estimators on the same data side by side, draws the
information plane of a network from saved activations, and draws scaling
curves that show when an estimator can be trusted.

This package holds the window (miwb): an experiment panel with forms
generated from each plugin's parameters, live information-plane, scaling,
table and training views, and figure export to PNG, SVG and PDF. It also
holds the figure module that lets miwb-cli run --figures draw the same
figures without a display.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME ${miwb_deb_name_dev})
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_MULTIARCH same)
# Everything find_package(miwb) and the SDK's headers need.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "${miwb_deb_name_libs} ${miwb_deb_exact}, qt6-base-dev (>= 6.4), libtbb-dev, libeigen3-dev (>= 3.4), nlohmann-json3-dev (>= 3.10)")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "cmake (>= 3.25), g++, ${miwb_deb_name_cli}")
set(CPACK_DEBIAN_DEV_DESCRIPTION "mutual-information workbench - plugin development files
MI Workbench measures mutual information (MI) in data and in neural networks:
it runs many MI estimators on the same data side by side, draws the
information plane of a network from saved activations, and draws scaling
curves that show when an estimator can be trusted.

This package holds what a plugin author needs to build an estimator or
dataset plugin out of tree: the SDK's headers, the unversioned library links
and the CMake package, so that find_package(miwb) gives the targets
miwb::core and miwb::stores and the function miwb_add_plugin().")

set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME ${miwb_deb_name_python})
set(CPACK_DEBIAN_PYTHON_PACKAGE_SECTION python)
if(TARGET miwb-python)
  # The extension is built for one Python minor version (its file name says cpython-3XY).
  math(EXPR miwb_python_next "${Python3_VERSION_MINOR} + 1")
  set(CPACK_DEBIAN_PYTHON_PACKAGE_DEPENDS "${miwb_deb_name_cli} ${miwb_deb_exact}, python3 (>= ${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}~), python3 (<< ${Python3_VERSION_MAJOR}.${miwb_python_next}), python3-numpy")
endif()
set(CPACK_DEBIAN_PYTHON_PACKAGE_SUGGESTS "python3-torch")
set(CPACK_DEBIAN_PYTHON_PACKAGE_CONTROL_EXTRA ${miwb_packaging_dir}/python3-miwb/prerm)
set(CPACK_DEBIAN_PYTHON_DESCRIPTION "mutual-information workbench - Python module
MI Workbench measures mutual information (MI) in data and in neural networks:
it runs many MI estimators on the same data side by side, draws the
information plane of a network from saved activations, and draws scaling
curves that show when an estimator can be trusted.

This package holds the Python module miwb: the workbench's estimators and
datasets on NumPy arrays and PyTorch tensors, experiment runs, and
miwb.torch, which records a PyTorch network's activations for the
information plane.")
include(CPack)
