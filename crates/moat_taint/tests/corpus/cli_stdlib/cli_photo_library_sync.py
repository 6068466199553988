# --- file: photosync/__init__.py
# --- file: photosync/library.py
import os
import shutil
from pathlib import Path

LIBRARY = "/srv/photos/library"
TRASH = "/srv/photos/.trash"
INBOX = "/srv/photos/inbox"
THUMBS = Path("/srv/photos/thumbs")


def album_dir(name):
    return os.path.join(LIBRARY, name)


def rename_album(old, new):
    os.rename(album_dir(old), album_dir(os.path.basename(new)))  # expect: path-traversal
    os.rename(album_dir(os.path.basename(old)), album_dir(new))  # expect: path-traversal
    os.rename(album_dir(os.path.basename(old)), album_dir(os.path.basename(new)))  # ok: path-traversal


def trash_photo(album, photo):
    target = os.path.join(TRASH, os.path.basename(photo))
    os.replace(os.path.join(album_dir(album), photo), target)  # expect: path-traversal
    os.replace(os.path.join(TRASH, "last.jpg"), os.path.join(TRASH, photo))  # expect: path-traversal
    os.replace(os.path.join(album_dir(os.path.basename(album)), os.path.basename(photo)), target)  # ok: path-traversal


def purge_photo(album, photo):
    os.unlink(os.path.join(album_dir(album), photo))  # expect: path-traversal
    os.unlink(os.path.join(TRASH, os.path.basename(photo)))  # ok: path-traversal


def drop_album(name):
    for entry in os.scandir(album_dir(name)):  # expect: path-traversal
        os.unlink(entry.path)  # expect: path-traversal
    os.rmdir(album_dir(name))  # expect: path-traversal


def drop_empty_albums():
    for entry in os.scandir(LIBRARY):  # ok: path-traversal
        if entry.is_dir() and not any(os.scandir(entry.path)):  # ok: path-traversal
            os.rmdir(entry.path)  # ok: path-traversal


def import_photo(name, album):
    src = os.path.join(INBOX, name)
    shutil.copy2(src, album_dir(os.path.basename(album)))  # expect: path-traversal
    shutil.copy2(os.path.join(INBOX, "latest.jpg"), album_dir(album))  # expect: path-traversal
    shutil.copy2(os.path.join(INBOX, os.path.basename(name)), album_dir(os.path.basename(album)))  # ok: path-traversal
    shutil.copyfile(src, os.path.join(album_dir("inbox"), "latest.jpg"))  # expect: path-traversal
    shutil.copyfile("/srv/photos/placeholder.jpg", os.path.join(album_dir(album), "cover.jpg"))  # expect: path-traversal
    shutil.copyfile("/srv/photos/placeholder.jpg", os.path.join(album_dir(os.path.basename(album)), "cover.jpg"))  # ok: path-traversal


def thumbnail_for(photo):
    return THUMBS / (photo + ".thumb")


def write_thumbnail(photo, data):
    thumbnail_for(photo).write_bytes(data)  # expect: path-traversal
    (THUMBS / (os.path.basename(photo) + ".thumb")).write_bytes(data)  # ok: path-traversal


def read_thumbnail(photo):
    return thumbnail_for(photo).read_bytes()  # expect: path-traversal


def read_default_thumbnail():
    return (THUMBS / "default.thumb").read_bytes()  # ok: path-traversal


def drop_thumbnail(photo):
    thumbnail_for(photo).unlink(missing_ok=True)  # expect: path-traversal
    (THUMBS / os.path.basename(photo)).unlink(missing_ok=True)  # ok: path-traversal


def write_caption(album, photo, caption):
    Path(album_dir(album), photo + ".txt").write_text(caption)  # expect: path-traversal
    Path(LIBRARY, "captions.log").write_text(caption)  # ok: path-traversal
    with Path(album_dir(album), "index.txt").open("a") as fh:  # expect: path-traversal
        fh.write(photo + "\n")
    with Path(LIBRARY, "index.txt").open("a") as fh:  # ok: path-traversal
        fh.write(photo + "\n")
# --- file: photosync/cli.py
import argparse
import sys

from . import library


def build_parser():
    parser = argparse.ArgumentParser(prog="photosync")
    parser.add_argument("command", choices=["import", "rename", "trash", "purge", "drop", "tidy", "caption"])
    parser.add_argument("--album", default="inbox")
    return parser


def main():
    args, rest = build_parser().parse_known_args()
    if args.command == "rename":
        library.rename_album(args.album, rest[0])
    elif args.command == "import":
        for name in rest:
            library.import_photo(name, args.album)
            library.write_thumbnail(name, library.read_thumbnail(name))
    elif args.command == "drop":
        library.drop_album(args.album)
    elif args.command == "tidy":
        library.drop_empty_albums()
        library.read_default_thumbnail()
    else:
        # one "photo<TAB>caption" line per photo, piped in from the exporter
        for line in sys.stdin:
            photo, _, caption = line.rstrip("\n").partition("\t")
            if args.command == "trash":
                library.trash_photo(args.album, photo)
            elif args.command == "purge":
                library.purge_photo(args.album, photo)
                library.drop_thumbnail(photo)
            else:
                library.write_caption(args.album, photo, caption)
    return 0


if __name__ == "__main__":
    sys.exit(main())
