#!/bin/sh
# Set up Pathways on this computer from this folder, with no internet.
#
#   sh install.sh            (on the student's Raspberry Pi, as the student)
#
# It makes a Python environment in ~/pathways/.venv, installs everything from wheels/,
# registers the Python kernel, sets JupyterLab up for students, copies the weeks into
# ~/pathways and adds a "Pathways" launcher. Running it again updates it; students' own
# work in ~/pathways/weekNN is never overwritten.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}
TARGET=${PATHWAYS_HOME:-$HOME/pathways}
VENV="$TARGET/.venv"
EXTRAS="@EXTRAS@"
WANT="@PYTHON_VERSION@"

have=$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo none)
if [ "$have" != "$WANT" ]; then
    echo "Pathways: this bundle is for Python $WANT; $PY is $have. Use Raspberry Pi OS Bookworm (Python 3.11)." >&2
    exit 1
fi

echo "Pathways: making the Python environment in $VENV"
mkdir -p "$TARGET"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --no-index --find-links "$HERE/wheels" "pathways-course$EXTRAS"

echo "Pathways: registering the Python kernel and setting JupyterLab up for students"
"$VENV/bin/python" -m ipykernel install --user --name python3 --display-name "Python 3 (ipykernel)" >/dev/null
"$VENV/bin/python" -m autograder.classroom.student_lab >/dev/null

echo "Pathways: copying the weeks into $TARGET"
for week in "$HERE"/course/week*; do
    [ -d "$week" ] || continue
    name=$(basename "$week")
    mkdir -p "$TARGET/$name"
    for file in "$week"/* "$week"/.[!.]*; do
        [ -e "$file" ] || continue
        # a student's saved notebook is theirs: only new files are copied
        [ -e "$TARGET/$name/$(basename "$file")" ] || cp -R "$file" "$TARGET/$name/"
    done
done

LAUNCHER="[Desktop Entry]
Type=Application
Name=Pathways
Comment=Open the Pathways course in JupyterLab
Exec=$VENV/bin/jupyter lab --notebook-dir=$TARGET
Terminal=false
Categories=Education;"
mkdir -p "$HOME/.local/share/applications"
printf '%s\n' "$LAUNCHER" > "$HOME/.local/share/applications/pathways.desktop"
if [ -d "$HOME/Desktop" ]; then
    printf '%s\n' "$LAUNCHER" > "$HOME/Desktop/pathways.desktop"
    chmod +x "$HOME/Desktop/pathways.desktop"
fi
echo "Pathways: checking this computer"
"$VENV/bin/python" -m hardware_labs.pi_ready || true
echo "Pathways: installed. Open it from the menu (Education > Pathways), or run:"
echo "  $VENV/bin/jupyter lab --notebook-dir=$TARGET"
