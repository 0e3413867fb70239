import sys; sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2])); sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
import common, ids, contact, extra, hardneg
ids.build(); contact.build(); extra.build(); hardneg.build()
common.run()
