# The plugin function of the MI Workbench SDK, used by the plugins in this tree and, installed with
# the SDK's package config, by plugins built out of tree (find_package(miwb) includes it).
#
#   miwb_add_plugin(<target> SOURCES <sources and the one metadata .json> [LIBS <libraries>])
#
# Builds a Qt plugin module linked to miwb::core. The metadata file given among SOURCES is the
# plugin's own (id, offerings, parameter schema); the function writes the copy that is embedded,
# adding "sdk_version" (the SDK the plugin is built against) and, when the file has none, "version"
# (the SDK's version, which is what the plugins in this tree carry). Point Q_PLUGIN_METADATA at it as
#   Q_PLUGIN_METADATA(IID MIWB_ESTIMATOR_FACTORY_IID FILE "miwb_metadata/<name>.json")
#
# Variables read (all optional): MIWB_PLUGIN_OUTPUT_DIR (where the module is built; default
# <build>/plugins), MIWB_PLUGIN_INSTALL_DIR (default: the installed SDK's plugin folder,
# lib/<triplet>/miwb/plugins, the host's search folder), MIWB_PLUGIN_INSTALL_COMPONENT (the install
# component; default: CMake's default component).
include_guard(GLOBAL)

# Writes the embedded copy of `json` for `target` and makes moc find it as miwb_metadata/<name>.json.
# SDK_VERSION overrides the "sdk_version" written (the registry's tests use it for version fixtures).
function(miwb_plugin_metadata target json)
  cmake_parse_arguments(ARG "" "SDK_VERSION" "" ${ARGN})
  get_filename_component(json_path ${json} ABSOLUTE)
  get_filename_component(json_name ${json} NAME)
  file(READ ${json_path} metadata)
  string(JSON has_version ERROR_VARIABLE no_version GET "${metadata}" version)
  if(no_version)
    string(JSON metadata SET "${metadata}" version "\"${MIWB_SDK_VERSION}\"")
  endif()
  string(REGEX MATCH "^[0-9]+\\.[0-9]+" sdk_major_minor ${MIWB_SDK_VERSION})
  if(ARG_SDK_VERSION)
    set(sdk_major_minor ${ARG_SDK_VERSION})
  endif()
  string(JSON metadata SET "${metadata}" sdk_version "\"${sdk_major_minor}\"")
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${target}_metadata)
  file(CONFIGURE OUTPUT ${out_dir}/miwb_metadata/${json_name} CONTENT "${metadata}\n" @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${json_path})
  target_include_directories(${target} PRIVATE ${out_dir})
endfunction()

function(miwb_add_plugin target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  set(metadata ${ARG_SOURCES})
  list(FILTER metadata INCLUDE REGEX "\\.json$")
  list(LENGTH metadata metadata_count)
  if(NOT metadata_count EQUAL 1)
    message(FATAL_ERROR "miwb_add_plugin(${target}): SOURCES must name exactly one metadata .json file")
  endif()
  if(NOT DEFINED MIWB_PLUGIN_OUTPUT_DIR)
    set(MIWB_PLUGIN_OUTPUT_DIR ${CMAKE_BINARY_DIR}/plugins)
  endif()
  if(NOT DEFINED MIWB_PLUGIN_INSTALL_DIR)
    include(GNUInstallDirs)
    set(MIWB_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/miwb/plugins)
  endif()
  set(component)
  if(MIWB_PLUGIN_INSTALL_COMPONENT)
    set(component COMPONENT ${MIWB_PLUGIN_INSTALL_COMPONENT})
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES AUTOMOC ON)
  target_link_libraries(${target} PRIVATE miwb::core ${ARG_LIBS})
  miwb_plugin_metadata(${target} ${metadata})
  # Installed next to the host's own plugins, two folders below its libraries.
  set_target_properties(${target} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${MIWB_PLUGIN_OUTPUT_DIR}
    PREFIX "lib"
    INSTALL_RPATH "$ORIGIN/../..")
  install(TARGETS ${target} LIBRARY DESTINATION ${MIWB_PLUGIN_INSTALL_DIR} ${component})
endfunction()
