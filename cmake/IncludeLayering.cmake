# The include-layering check: every project target's #include "…" edges must stay within what it
# links. CMake knows the declared edges, so it writes them down (one JSON object per target:
# name, type, folder, sources, direct link libraries, generator expressions evaluated at build
# generation) and cmake/check_include_layering.py compares them with the includes in the code.

function(hiltest_collect_targets directory out_var)
  get_property(targets DIRECTORY ${directory} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(children DIRECTORY ${directory} PROPERTY SUBDIRECTORIES)
  foreach(child ${children})
    hiltest_collect_targets(${child} child_targets)
    list(APPEND targets ${child_targets})
  endforeach()
  set(${out_var} ${targets} PARENT_SCOPE)
endfunction()

function(hiltest_write_target_manifest path)
  hiltest_collect_targets(${PROJECT_SOURCE_DIR} targets)
  set(lines "")
  foreach(target ${targets})
    get_target_property(type ${target} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|INTERFACE_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    get_target_property(folder ${target} SOURCE_DIR)
    if(folder MATCHES "/fixtures/firmware")
      continue()  # the target firmware: C for the Blue Pill, not part of the host layering
    endif()
    # A static library's LINK_LIBRARIES holds its PUBLIC and PRIVATE edges as plain names; an
    # interface library has only INTERFACE ones.
    if(type STREQUAL "INTERFACE_LIBRARY")
      set(links "$<TARGET_PROPERTY:${target},INTERFACE_LINK_LIBRARIES>")
    else()
      set(links "$<TARGET_PROPERTY:${target},LINK_LIBRARIES>")
    endif()
    set(sources "$<TARGET_PROPERTY:${target},SOURCES>")
    string(APPEND lines "{\"name\": \"${target}\", \"type\": \"${type}\", \"folder\": \"${folder}\", "
                        "\"sources\": \"${sources}\", \"links\": \"${links}\"}\n")
  endforeach()
  file(GENERATE OUTPUT ${path} CONTENT "${lines}")
endfunction()
