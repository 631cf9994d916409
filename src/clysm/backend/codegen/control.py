"""Control transfer: block/return-from, tagbody/go, catch/throw, unwind-protect.

Exits within one Wasm function are branches; before branching they undo what
the constructs they leave did (pop special bindings, run unwind-protect
cleanups inline).  Exits from a nested closure throw $unwind with the exit
point's token (a fresh cons whose car is NIL once the point is exited); the
catching point unbinds to its own binding-stack pointer and restores the
depth counter before continuing.
"""

from __future__ import annotations

from dataclasses import dataclass

from clysm.backend import objects as O
from clysm.backend.codegen.core import CompilerCore, DynEntry, Loc, Mode, no_tail
from clysm.backend.codegen.tagbody_plan import Span, plan, tag_index
from clysm.frontend import ir
from clysm.wasm.types import EQREF, EXNREF, I32, ref, ref_null


@dataclass
class BlockState:
    height: int  # label of the Wasm block a return-from branches to
    mode: Mode  # context the block's value is compiled for
    dyn_len: int


@dataclass
class TagbodyState:
    height: int  # label of the dispatch loop
    index_local: int
    dyn_len: int
    tags: list[object]
    # Structured (tagbody_plan.py): the label of each target segment's span, by
    # segment index, and the segment being compiled; height is then unused.
    labels: dict[tuple[int, bool], int] | None = None
    current: int = 0


class ControlMixin(CompilerCore):
    blocks: dict[int, BlockState]
    tagbodies: dict[int, TagbodyState]

    # -- helpers --------------------------------------------------------------

    def unwind_local(self, dyn_len: int, has_value: bool) -> None:
        """Undo the dynamic constructs opened since `dyn_len`, innermost first,
        before a branch out of them (the exit's value, if any, is on the stack)."""
        entries = self.dyn[dyn_len:]
        for i in range(len(entries) - 1, -1, -1):
            entry = entries[i]
            if entry.kind == "bind":
                self.unbind(entry.sp_local)
            elif entry.kind == "uwp":
                assert entry.cleanup is not None
                val = self.temp() if has_value else -1
                saved = self.temp(ref_null(self.t["value-array"]))
                if has_value:
                    self.e(("local.set", val))
                self.e(self.call_k("%mv-save"), ("local.set", saved))
                outer = self.dyn
                self.dyn = outer[: entry.outer_len]
                self.expr(entry.cleanup, Mode.EFFECT)
                self.dyn = outer
                self.e(("local.get", saved), self.call_k("%mv-restore"))
                if has_value:
                    self.e(("local.get", val))
                    self.release(val)
                self.release(saved, ref_null(self.t["value-array"]))

    def new_token(self) -> int:
        tok = self.local(ref_null(self.t["cons"]), "exit-token")
        self.e(
            ("i32.const", 0),
            ("global.get", self.k.g("t")),
            self.nil(),
            ("struct.new", self.t["cons"]),
            ("local.set", tok),
        )
        return tok

    def kill_token(self, tok: int) -> None:
        self.e(("local.get", tok), self.nil(), ("struct.set", self.t["cons"], O.F_CAR))

    def catch_point(self, result: object) -> tuple[int, int]:
        """Open `block (result eqref eqref exnref)` + `try_table` catching $unwind."""
        self.open("block", self.k.unwind_catch_bt)
        self.open("try_table", result, [("catch_ref", self.k.unwind_tag, 0)])
        return self.save_sp(), self.save_depth()

    def save_depth(self) -> int:
        d = self.temp(I32)
        self.e(("global.get", self.k.g("depth")), ("local.set", d))
        return d

    def handle_unwind(self, target: int, sp: int, depth: int) -> int:
        """In the catch landing pad (target value exnref on the stack): rethrow
        unless the target is `eq` to local `target`; else restore the dynamic
        state and leave the thrown value in a returned local."""
        exn, val, tgt = self.temp(EXNREF), self.temp(), self.temp()
        self.e(
            ("local.set", exn),
            ("local.set", val),
            ("local.set", tgt),
            ("local.get", tgt),
            ("local.get", target),
            ("ref.eq",),
            ("i32.eqz",),
            ("if", None),
            ("local.get", exn),
            ("throw_ref",),
            ("end",),
        )
        self.unbind(sp)
        self.e(("local.get", depth), ("global.set", self.k.g("depth")))
        self.release(exn, EXNREF)
        self.release(tgt)
        return val

    def check_live(self, info: object) -> None:
        """Signal control-error if the exit point (token in `info`'s location) was exited."""
        self.load(info)  # type: ignore[arg-type]
        self.e(
            ("ref.cast", ref(self.t["cons"])),
            ("struct.get", self.t["cons"], O.F_CAR),
            self.nil(),
            ("ref.eq",),
            ("if", None),
            self.call_k("%dead-exit"),
            ("end",),
        )

    # -- block ------------------------------------------------------------------

    def c_Block(self, node: ir.Block, mode: Mode) -> None:
        bmode: Mode = Mode.VALUE if mode == Mode.EFFECT else mode
        if not node.info.nonlocal_exit:
            h = self.open("block", EQREF)
            self.blocks[id(node.info)] = BlockState(h, bmode, len(self.dyn))
            self.expr(node.body, bmode)
            self.close()
        else:
            bmode = no_tail(bmode)
            tok = self.new_token()
            self.env[id(node.info)] = Loc("local", tok)
            h = self.open("block", EQREF)
            self.blocks[id(node.info)] = BlockState(h, bmode, len(self.dyn))
            sp, depth = self.catch_point(EQREF)
            self.dyn.append(DynEntry("catch"))
            self.expr(node.body, bmode)
            self.dyn.pop()
            self.close()
            self.e(("br", self.depth(h)))
            self.close()
            val = self.handle_unwind(tok, sp, depth)
            self.e(("local.get", val))
            self.release(val)
            self.close()
            self.kill_token(tok)
            self.release(sp, I32)
            self.release(depth, I32)
        del self.blocks[id(node.info)]
        if mode == Mode.EFFECT:
            self.e(("drop",))

    def c_ReturnFrom(self, node: ir.ReturnFrom, mode: Mode) -> None:
        del mode  # control leaves: nothing is pushed in any context
        st = self.blocks.get(id(node.info))
        if st is not None:
            vmode = st.mode if len(self.dyn) == st.dyn_len else no_tail(st.mode)
            self.expr(node.value, vmode)
            self.unwind_local(st.dyn_len, has_value=True)
            self.e(("br", self.depth(st.height)))
            return
        self.check_live(node.info)
        val = self.temp()
        self.expr(node.value, Mode.MV)
        self.e(("local.set", val))
        self.load(node.info)
        self.e(("local.get", val), ("throw", self.k.unwind_tag))
        self.release(val)

    # -- tagbody ----------------------------------------------------------------

    def c_Tagbody(self, node: ir.Tagbody, mode: Mode) -> None:
        segs = node.segments
        tags = [tag for tag, _ in segs]
        if all(tag is None for tag in tags):
            for _, stmts in segs:
                for s in stmts:
                    self.expr(s, Mode.EFFECT)
            self.c_Const(ir.Const(None), mode)
            return
        if not node.info.nonlocal_exit and self.structured_tagbody(node):
            self.c_Const(ir.Const(None), mode)
            return
        idx = self.local(I32, "tag")
        self.e(("i32.const", 0), ("local.set", idx))
        nonlocal_ = node.info.nonlocal_exit
        tok = sp = depth = -1
        if nonlocal_:
            tok = self.new_token()
            self.env[id(node.info)] = Loc("local", tok)
            h_exit = self.open("block", None)
        h_loop = self.open("loop", None)
        self.tagbodies[id(node.info)] = TagbodyState(h_loop, idx, len(self.dyn), tags)
        # Nested closures are compiled later and find the tag order here.
        self.ctx.tagbody_tags[id(node.info)] = tags
        if nonlocal_:
            sp, depth = self.catch_point(None)
            self.dyn.append(DynEntry("catch"))
        k = len(segs)
        for _ in range(k):
            self.open("block", None)
        self.e(("local.get", idx), ("br_table", list(range(k)), k - 1))
        for _, stmts in segs:
            self.close()
            for s in stmts:
                self.expr(s, Mode.EFFECT)
        if nonlocal_:
            self.dyn.pop()
            self.close()  # try_table
            self.e(("br", self.depth(h_exit)))
            self.close()  # landing pad
            val = self.handle_unwind(tok, sp, depth)
            self.e(
                ("local.get", val),
                ("ref.cast", ref("i31")),
                ("i31.get_s",),
                ("local.set", idx),
                ("br", self.depth(h_loop)),
            )
            self.release(val)
        self.close()  # loop
        if nonlocal_:
            self.close()  # exit block
            self.kill_token(tok)
        del self.tagbodies[id(node.info)]
        self.c_Const(ir.Const(None), mode)

    def structured_tagbody(self, node: ir.Tagbody) -> bool:
        """Compile with loops and blocks (tagbody_plan.py); False if they cannot nest."""
        spans = plan(node)
        if spans is None:
            return False
        tags = [tag for tag, _ in node.segments]
        st = TagbodyState(-1, -1, len(self.dyn), tags, {})
        assert st.labels is not None
        self.tagbodies[id(node.info)] = st
        self.ctx.tagbody_tags[id(node.info)] = tags
        open_spans: list[Span] = []
        for i, (_, stmts) in enumerate(node.segments):
            for span in spans:
                if span.first == i:
                    h = self.open(span.kind, None)
                    st.labels[(span.target, span.kind == "loop")] = h
                    open_spans.append(span)
            st.current = i
            for s in stmts:
                self.expr(s, Mode.EFFECT)
            while open_spans and open_spans[-1].last == i:
                open_spans.pop()
                self.close()
        assert not open_spans
        del self.tagbodies[id(node.info)]
        return True

    def c_Go(self, node: ir.Go, mode: Mode) -> None:
        del mode
        st = self.tagbodies.get(id(node.info))
        if st is not None and st.labels is not None:
            self.unwind_local(st.dyn_len, has_value=False)
            target = tag_index(st.tags, node.tag)
            self.e(("br", self.depth(st.labels[(target, target <= st.current)])))
            return
        if st is not None:
            self.unwind_local(st.dyn_len, has_value=False)
            self.e(
                ("i32.const", tag_index(st.tags, node.tag)),
                ("local.set", st.index_local),
                ("br", self.depth(st.height)),
            )
            return
        self.check_live(node.info)
        self.load(node.info)
        self.e(
            ("i32.const", tag_index(self.ctx.tagbody_tags[id(node.info)], node.tag)),
            ("ref.i31",),
            ("throw", self.k.unwind_tag),
        )

    # -- catch / throw -------------------------------------------------------------

    def c_Catch(self, node: ir.Catch, mode: Mode) -> None:
        cmode = Mode.MV if mode >= Mode.MV else Mode.VALUE
        tag = self.local(EQREF, "catch-tag")
        self.expr(node.tag, Mode.VALUE)
        self.e(("local.set", tag))
        h = self.open("block", EQREF)
        sp, depth = self.catch_point(EQREF)
        self.push_catch_frame(sp, tag)
        outer_len = len(self.dyn)
        self.dyn.append(DynEntry("bind", sp))
        self.dyn.append(DynEntry("catch", sp, outer_len=outer_len, exit=h))
        self.expr(node.body, cmode)
        self.dyn.pop()
        self.dyn.pop()
        self.close()
        # Normal exit: the catch frame is on top of the binding stack.
        self.e(("local.get", sp), ("global.set", self.k.g("bind-sp")))
        self.e(("br", self.depth(h)))
        self.close()
        val = self.handle_unwind(tag, sp, depth)
        self.e(("local.get", val))
        self.release(val)
        self.close()
        self.release(sp, I32)
        self.release(depth, I32)
        if mode == Mode.EFFECT:
            self.e(("drop",))

    def push_catch_frame(self, sp: int, tag: int) -> None:
        """Push the frame (depth as a fixnum, tag) at binding-stack index `sp`
        (the current top), inline: CATCH is often in a hot loop."""
        stack, va = self.k.g("bind-stack"), self.t["value-array"]
        self.e(
            ("local.get", sp),
            ("i32.const", 2),
            ("i32.add",),
            ("global.get", stack),
            ("array.len",),
            ("i32.gt_u",),
            ("if", None),
            self.call_k("%grow-bind-stack"),
            ("end",),
            ("global.get", stack),
            ("local.get", sp),
            ("global.get", self.k.g("depth")),
            ("ref.i31",),
            ("array.set", va),
            ("global.get", stack),
            ("local.get", sp),
            ("i32.const", 1),
            ("i32.add",),
            ("local.get", tag),
            ("array.set", va),
            ("local.get", sp),
            ("i32.const", 2),
            ("i32.add",),
            ("global.set", self.k.g("bind-sp")),
        )

    def check_thrown_here(self) -> None:
        """After a call inside CATCH bodies of this function, with its value on
        the stack: if the callee returned from a THROW to one of them
        ($throw-pending is that catch's frame index + 1), undo what lies
        between and leave that catch with the value."""
        catches = [(i, d) for i, d in enumerate(self.dyn) if d.kind == "catch" and d.exit >= 0]
        if not catches:
            return
        pending = self.k.g("throw-pending")
        val = self.temp()
        self.e(("local.set", val), ("global.get", pending))
        self.open("if", None)
        for _, entry in reversed(catches):
            self.e(
                ("global.get", pending),
                ("local.get", entry.sp_local),
                ("i32.const", 1),
                ("i32.add",),
                ("i32.eq",),
            )
            self.open("if", None)
            self.e(("i32.const", 0), ("global.set", pending), ("local.get", val))
            # Undo what is inside the catch; its frame is then the top.
            self.unwind_local(entry.outer_len + 1, has_value=True)
            self.e(("local.get", entry.sp_local), ("global.set", self.k.g("bind-sp")))
            self.e(("br", self.depth(entry.exit)))
            self.close()
        self.e(self.call_k("%unhandled-exit"))
        self.close()
        self.e(("local.get", val))
        self.release(val)

    def c_Throw(self, node: ir.Throw, mode: Mode) -> None:
        del mode
        tag, val = self.local(EQREF), self.temp()
        self.expr(node.tag, Mode.VALUE)
        self.e(("local.set", tag))
        self.expr(node.value, Mode.MV)
        self.e(("local.set", val), ("local.get", tag), ("local.get", val))
        # %throw returns only when the catch is in this function's caller:
        # undo this function's dynamic state, then return to it.
        target = self.temp(I32)
        self.e(self.call_k("%throw"), ("local.set", target))
        self.unwind_local(0, has_value=False)
        self.e(
            ("local.get", target),
            ("global.set", self.k.g("throw-pending")),
            ("local.get", val),
            ("return",),
        )
        self.release(target, I32)
        self.release(val)

    # -- unwind-protect -------------------------------------------------------------

    def c_UnwindProtect(self, node: ir.UnwindProtect, mode: Mode) -> None:
        pmode = Mode.MV if mode >= Mode.MV else Mode.VALUE
        res = self.local(EQREF)
        exn = self.local(EXNREF)
        saved = self.local(ref_null(self.t["value-array"]))
        self.e(("ref.null", "exn"), ("local.set", exn))
        sp, depth = self.save_sp(), self.save_depth()
        h_join = self.open("block", None)
        self.open("block", EXNREF)
        self.open("try_table", EQREF, [("catch_all_ref", 0)])
        self.dyn.append(DynEntry("uwp", cleanup=node.cleanup, outer_len=len(self.dyn)))
        self.expr(node.protected, pmode)
        self.dyn.pop()
        self.close()
        self.e(("local.set", res), ("br", self.depth(h_join)))
        self.close()
        self.e(("local.set", exn))
        self.unbind(sp)
        self.e(("local.get", depth), ("global.set", self.k.g("depth")))
        self.close()
        # Both paths: run the cleanup with the values saved, then rethrow or go on.
        self.e(self.call_k("%mv-save"), ("local.set", saved))
        self.expr(node.cleanup, Mode.EFFECT)
        self.e(("local.get", saved), self.call_k("%mv-restore"))
        self.e(
            ("block", None),
            ("local.get", exn),
            ("br_on_null", 0),
            ("throw_ref",),
            ("end",),
        )
        self.release(sp, I32)
        self.release(depth, I32)
        self.e(("local.get", res))
        if mode == Mode.EFFECT:
            self.e(("drop",))
