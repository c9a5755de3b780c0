# miwb_add_plugin(<target> SOURCES ... [LIBS ...])
# Builds a Qt plugin module linked to the SDK and puts it in the plugin folder next to the executables.
function(miwb_add_plugin target)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE miwb::core ${ARG_LIBS})
  set_target_properties(${target} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${MIWB_PLUGIN_OUTPUT_DIR}
    PREFIX "lib")
  install(TARGETS ${target} LIBRARY DESTINATION ${MIWB_PLUGIN_INSTALL_DIR})
endfunction()
