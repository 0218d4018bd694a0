"""Check an iCalendar stream (stdin) with libical's parser and restriction checker.

libical is the parser of Evolution and many other calendar programs. This runs
under the system Python, which has its GObject bindings (Debian:
``python3-gi gir1.2-ical-3.0``), and prints one error per line; it exits 0 when
there are none.
"""

import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib  # noqa: E402

ERROR = ICalGLib.PropertyKind.XLICERROR_PROPERTY
ANY = ICalGLib.ComponentKind.ANY_COMPONENT


def errors_in(component, path):
    found = []
    prop = component.get_first_property(ERROR)
    while prop is not None:
        found.append(f"{path}: {prop.get_xlicerror()}")
        prop = component.get_next_property(ERROR)
    child = component.get_first_component(ANY)
    while child is not None:
        kind = ICalGLib.Component.kind_to_string(child.isa())
        found += errors_in(child, f"{path}/{kind}")
        child = component.get_next_component(ANY)
    return found


def main():
    calendar = ICalGLib.Component.new_from_string(sys.stdin.read())
    if calendar is None:
        print("libical could not parse the stream")
        return 1
    ICalGLib.restriction_check(calendar)
    errors = errors_in(calendar, "VCALENDAR")
    print("\n".join(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
