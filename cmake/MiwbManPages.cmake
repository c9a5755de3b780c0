# Man pages miwb(1) and miwb-cli(1), written at build time from the programs' own --version and
# --help (cmake/man_page.py), so they list exactly the options the programs parse. Their date is
# that of the top entry of packaging/changelog (MiwbPackage.cmake reads it). Included from
# MiwbPackage.cmake, after both programs are defined.
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_Interpreter_FOUND)
  message(WARNING "python3 not found: no man pages (scripts/make-packages.sh will refuse to package)")
  return()
endif()

# miwb_man_page(<target> <summary> <install component> [man_page.py options...])
function(miwb_man_page target summary component)
  set(out ${CMAKE_BINARY_DIR}/man/${target}.1.gz)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/cmake/man_page.py $<TARGET_FILE:${target}> ${target} ${summary}
            ${out} --date ${MIWB_DEB_DATE} ${ARGN}
    DEPENDS ${target} ${CMAKE_SOURCE_DIR}/cmake/man_page.py VERBATIM)
  add_custom_target(${target}-man ALL DEPENDS ${out})
  install(FILES ${out} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${component})
endfunction()

miwb_man_page(miwb-cli "estimate mutual information and run MI Workbench experiments headless" cli
              --commands --see-also "miwb(1)")
if(TARGET miwb)
  miwb_man_page(miwb "the MI Workbench window: mutual information, information planes, scaling curves" gui
                --see-also "miwb-cli(1)")
endif()
