"""简体中文：Loss Lab 的全部文字，按消息键排列。

纯数据；键与 en.py 完全相同（tests/app/test_i18n.py 检查键和占位符）。写给初学者：
用标准术语（损失函数、交叉熵、铰链损失、批次、归约、样本权重……），不逐词直译；代码里的名字
（hinge、from_logits、sum_over_batch_size、y_true）保持原样。
"""

PAGE: dict[str, str] = {
    # the explainer's three views (tabs)
    "explainer.tab.steps": "逐步计算",
    "explainer.tab.curve": "曲线上的位置",
    "explainer.tab.gradient": "梯度",
    "explainer.tab.learn": "学习",
    # what the model learns (issue 11)
    "grad.header": "模型学到了什么",
    "grad.intro": (
        "训练从来看不到损失值本身，只看到它的梯度：每个预测值应朝哪个方向、移动多少才能让损失变小。"
        "它就是沿着损失的各个步骤倒过来走一遍链式法则，算法与框架的自动求导一致。"
    ),
    "grad.sign_legend": "红色：梯度为正，走一步会让这个预测值变小；蓝色：梯度为负，走一步会让它变大；灰色：0，不动。底色：最大的几个推动（至少是最大值的一半）。",
    "learn.header": "学习一步",
    "learn.intro": (
        "梯度下降让每个预测值沿梯度的反方向移动：ŷ ← ŷ − η · ∂L/∂ŷ，η 是学习率。"
        "走一步之后，整个页面会用新的预测值重新计算；“重置”会恢复你输入的预测值。"
    ),
    "learn.rate": "学习率 η",
    "learn.rate_help": "每一步沿负梯度方向走多远。太小几乎看不出变化；太大预测值会冲过头。",
    "learn.take": "走一步",
    "learn.reset": "重置",
    "learn.status": "从你输入的 y_pred 出发已经走了 {steps} 步（链接会保留这些步数）。",
    "learn.not_finite": "梯度中有 NaN 或无穷大：走一步会让预测值也变成 NaN，所以这里不提供这一步。",
    "learn.outside_legend": "高亮 ◀：这一步被推到 [0, 1] 之外的概率。",
    "learn.values_header": "每一步之后的损失",
    "learn.curve_header": "这些步把你的数字带到损失曲线上的哪里",
    "learn.trail": "走 {steps} 步之后（✕ 为最后一步）",
    "learn.path_x": "步数",
    "learn.path_y": "损失",
    "learn.path_now": "现在",
    "learn.path_caption": "在 η = {rate:g} 下接下来 {steps} 步的损失：从 {start} 到 {end}，每一步都从上一步的预测值算起。",
    # navigation and lesson (issue 9)
    "nav.explainer": "讲解",
    "nav.tutorial": "教程",
    "nav.curves": "曲线",
    "nav.compare": "Keras 与 PyTorch",
    "nav.quiz": "测验",
    "link.header": "这个链接中有些设置无法使用：",
    "link.not_a_choice": "链接中的 {name} {value!r} 不在本页的可选值中（{allowed}）；改用默认值。",
    "link.torch_no_weight": "PyTorch 的损失函数不接受 sample_weight；已忽略链接中的 sample_weight。",
    "app.title": "Loss Lab 损失函数实验室",
    "app.intro": "输入目标值和预测值，选一个 Keras 或 PyTorch 损失函数，从你的数字一步步看到最终的损失值。",
    "sidebar.tagline": "用你自己的数字，一步步算出 Keras 3 和 PyTorch 的损失函数。",
    "sidebar.torch_docs": "PyTorch 损失函数文档",
    "sidebar.keras_docs": "Keras 损失函数文档",
    "sidebar.language": "语言 · Language",
    "presets.seed": "示例",
    "presets.seed.help": "来自 Keras 文档的例子，以及可以手算核对的小批次。",
    "presets.surprise": "反直觉的情况",
    "presets.surprise.help": "Keras 的做法可能出乎初学者意料的情形。",
    "preset.hinge.label": "铰链损失 → 1.3",
    "preset.hinge.help": "Keras 文档中的例子：标签 0/1 先变成 -1/1，再计算 max(0, 1 - y·ŷ)。",
    "preset.cce.label": "分类交叉熵",
    "preset.cce.help": "Keras 文档中的例子：每一行的损失是其真实类别概率的 -log。",
    "preset.sparse_cce.label": "稀疏分类交叉熵",
    "preset.sparse_cce.help": "同一个例子，但真实类别以索引 1 和 2 给出。",
    "preset.cosine.label": "余弦相似度（axis 1）",
    "preset.cosine.help": "Keras 文档中的例子：正交、同向、反向。",
    "preset.mse.label": "MSE，小批次",
    "preset.mse.help": "一个大小为 3 的误差在平方误差中占了主导。",
    "preset.mae.label": "MAE，小批次",
    "preset.mae.help": "同一批数据：每一单位误差的代价都相同。",
    "preset.confident_wrong.label": "自信却错了",
    "preset.confident_wrong.help": (
        "真实类别的概率为 0 时，代价本应是 -log(0) = 无穷大；但 Keras 把概率裁剪到 "
        "[1e-7, 1 - 1e-7]，所以损失是 -log(1e-7) = 16.118。"
    ),
    "preset.hinge_minus_one.label": "铰链标签中的一个 -1",
    "preset.hinge_minus_one.help": (
        "y_true 中只要出现一个 -1，Keras 就不再把整个批次的 0/1 标签转换成 -1/1："
        "每个 0 都保持为 0，各贡献 1 的损失。"
    ),
    "preset.zero_weight.label": "样本权重为 0",
    "preset.zero_weight.help": (
        "权重为 0 的样本不给总和增加任何东西，但在默认的平均中仍被计数：结果是 0.55，而不是 1.1。"
        "试试归约方式 mean_with_sample_weight。"
    ),
    "preset.unnormalised.label": "概率之和不为 1",
    "preset.unnormalised.help": (
        "Keras 先把 y_pred 的每一行除以该行之和：[1, 2, 1] 变成 [0.25, 0.5, 0.25]。"
    ),
    "presets.learning": "学习速度",
    "presets.learning.help": "同一个自信地预测错的值，放在两个损失下：各走几步，比较它学得有多快。",
    "preset.learn_mse.label": "自信地错了：均方误差",
    "preset.learn_mse.help": "y = 1 而 ŷ = 0.01。均方误差的梯度只有 2(0.01 − 1) = −1.98，所以在 η = 0.005 下走一步，ŷ 只移动 0.0099：学得很慢。走几步之后，再试试交叉熵的预设。",
    "preset.learn_bce.label": "自信地错了：交叉熵",
    "preset.learn_bce.help": "y = 1 而 ŷ = 0.01。交叉熵的梯度是 −1/0.01 = −100，所以同样在 η = 0.005 下走一步，ŷ 移动 0.5：是均方误差的五十倍。",
    "presets.pytorch": "PyTorch",
    "presets.pytorch.help": "torch.nn 损失函数中，PyTorch 的规则会算出与 Keras 不同数字的情形。",
    "preset.torch_ce_logits.label": "用概率喂 CrossEntropyLoss",
    "preset.torch_ce_logits.help": (
        "CrossEntropyLoss 把 y_pred 当作 logits，会再做一次 softmax：示例中的概率得到 0.5841 和 1.39，"
        "而 Keras 的 categorical_crossentropy 得到 0.0513 和 2.303。"
    ),
    "preset.torch_bce_clamp.label": "BCELoss 遇到 p = 0 和 1",
    "preset.torch_bce_clamp.help": (
        "PyTorch 把 log(p) 截断在 -100，而不是裁剪 p，所以完全确定却预测错的样本损失是 100，"
        "而不是 Keras 的 16.12：100、100、0、0 的平均值是 50。"
    ),
    "preset.torch_kldiv_mean.label": "KLDivLoss 使用 mean 归约",
    "preset.torch_kldiv_mean.help": (
        "KLDivLoss 接收对数概率，它的 mean 除以全部元素个数（4），而不是样本数（2）：0.1506 只是 KL "
        "散度的一半。试试 batchmean：得到 0.3012，与 Keras 一致。"
    ),
    "trace.no_reduction": "不归约：{values}",
    "latex.per_sample_mean_divides_by": " 每个样本；mean 除以 ",
    "latex.per_pair": " 每一对",
    "latex.each_element": " 逐元素（不先对每个样本求平均）",
    "latex.only_with_balancing": " 仅当 apply_class_balancing 时",
    "preset.notice": "请注意：",
    "picker.label": "损失函数",
    "picker.docs": "官方文档：{loss} ↗",
    "picker.load_example": "载入该损失函数的示例",
    "picker.example_replaced": "你的数字不适用于 {loss}，因此载入了它自带的示例。",
    "family.regression": "回归",
    "family.probabilistic": "分类",
    "family.margin": "间隔",
    "family.similarity": "相似度",
    "family.sequence": "序列与度量学习",
    "inputs.header": "你的数字",
    "inputs.tab_text": "文本",
    "inputs.tab_grid": "表格",
    "inputs.y_true.label": "y_true（目标值）",
    "inputs.y_pred.label": "y_pred（预测值）",
    "inputs.sample_weight.label": "sample_weight（可选）",
    "inputs.y_true.placeholder": "[[0, 1], [0, 0]]",
    "inputs.y_pred.placeholder": "[[0.6, 0.4], [0.4, 0.6]]",
    "inputs.sample_weight.placeholder": "留空：每个样本的权重都是 1",
    "inputs.sample_weight.meaning": "每个样本一个权重，例如 [1, 0]。不需要时留空。",
    "inputs.format_help": (
        "嵌套列表，如 [[0, 1], [0, 0]]；或每行一个样本，数字之间用空格或逗号分隔。"
        "只能用普通数字：0.25、-1、1e-3。"
    ),
    "grid.intro": "编辑单元格、增加或删除行：文本会随之更新。",
    "grid.empty_weight": "没有样本权重。先在“文本”标签页中输入，才能在这里编辑。",
    "grid.only_2d": "表格只能编辑一维和二维数组；这个数组请用文本编辑。",
    "grid.too_big": "{cells:,} 个数字超出了表格的显示上限（最多 {limit:,} 个）；请用文本编辑。",
    "params.header": "参数",
    "params.none": "{loss} 没有参数。",
    "params.range": "取值范围：{range}。默认值：{default}。",
    "params.any_number": "任意数",
    "params.axis_none": "None",
    "params.none_placeholder": "None",
    "reduction.label": "归约方式",
    "reduction.sum_over_batch_size.label": "sum_over_batch_size（Keras 默认）",
    "reduction.sum_over_batch_size.explain": (
        "加权后的逐样本损失之和除以样本数，权重为 0 的样本也算在内。"
    ),
    "reduction.mean.label": "mean",
    "reduction.mean.explain": "与 sum_over_batch_size 相同：除以样本数。",
    "reduction.sum.label": "sum",
    "reduction.sum.explain": "把加权后的逐样本损失相加，不做除法。",
    "reduction.mean_with_sample_weight.label": "mean_with_sample_weight",
    "reduction.mean_with_sample_weight.explain": (
        "加权和除以权重之和，因此权重为 0 的样本不计入。"
    ),
    "reduction.none.label": "none",
    "reduction.none.explain": "不归约：返回每个样本各自的损失。",
    "dtype.label": "dtype（数据类型）",
    "dtype.help": "Keras 默认用 float32 计算；换成 float64 可以看到舍入带来的差别。",
    "trace.header": "这个数是怎么算出来的",
    "trace.result": "损失值",
    "trace.result_caption": "{loss}，归约方式 {reduction}",
    "trace.result_help": "精确的 {dtype} 值：{value}",
    "trace.step": "第 {number} 步：{title}",
    "trace.samples": "逐个样本",
    "trace.more_samples": "……另有 {count:,} 个样本",
    "trace.changed_legend": "◀ 标出这一步改变了的元素（被转换或被裁剪）。",
    "trace.example_at": "以上代入的是{position}。",
    "trace.position.sample": "样本 {i}",
    "trace.position.element": "{sample}、j = {j}",
    "trace.position.deep": "{sample}、元素 ({rest})",
    "trace.legend": "符号：y 是 y_true，ŷ 是 y_pred；t_j 是一个元素的项，ℓ_i 是样本 i 的损失，L 是最终的值；N 是样本数，C 是一个样本的元素数，j 和 i 是它们的下标。",
    "trace.highlight_legend": "高亮并带 ◀ 的是这一步改变了的元素（被转换或被裁剪）。",
    "trace.changed_marker": "◀ 已改变",
    "trace.derivation.sample": "样本 {index}",
    "trace.element_by_element": "逐个元素，与 y_true、y_pred 对照",
    "trace.rounding": "所有数字都显示 {digits} 位有效数字；精确的 {dtype} 值见 CSV 和 JSON 下载，以及损失值旁的 ⓘ。",
    "trace.pending_edit": "尚未更新：按 Ctrl+Enter 或点击输入框外部，使修改生效。",
    "trace.sample_line": "样本 {index}：{text}",
    "trace.col.sample": "样本",
    "trace.col.position": "j",
    "trace.col.y_true": "y_true",
    "trace.col.y_one_hot": "y_j（one-hot）",
    "trace.col.y_pred": "y_pred",
    "trace.col.weight": "权重",
    "trace.col.loss": "ℓ（逐样本）",
    "trace.col.changed_flag": "本步",
    "trace.col.gradient": "∂L/∂ŷ（梯度）",
    "trace.waiting": "左侧输入有效后，计算步骤会显示在这里。",
    "trace.chart": "你的数字在损失曲线上的位置",
    "trace.curves_link": "查看所有损失函数的曲线",
    "export.header": "在 Keras 中复现",
    "export.intro": "在 Keras 3 上运行（脚本会选用 JAX 后端），先打印出上面的数字，再打印 JAX 自动求出的梯度。",
    "export.too_big": "这个批次有 {count:,} 个数字，太多了，无法在此显示；请下载脚本。",
    "export.download_script": "下载 Keras 脚本",
    "export.download_csv": "下载计算过程（CSV）",
    "error.unexpected": "计算这个损失时出了问题。你的输入已保留；请换一个示例，或刷新页面。",
    "error.chart": "无法为这些数字绘制图表。",
    "trace.no_chart": "{loss}没有只含一个变量的曲线可以放你的数字：每个样本的损失取决于整个批次或整个序列。曲线页面在一对样本或一条序列上画出它。",
    "curves.title": "损失曲线",
    "curves.intro": "把每个损失函数画成一个变量的曲线，看看它在哪里平坦、在哪里陡峭、在哪里不再增长。",
    "curves.mode": "显示",
    "curves.mode.single": "单个损失",
    "curves.mode.overlay": "对比",
    "curves.loss_picker": "损失函数",
    "curves.overlay_picker": "对比组",
    "curves.overlay.regression": "回归损失",
    "curves.overlay.margin": "间隔损失",
    "curves.overlay.focal": "焦点损失与交叉熵",
    "curves.slope_toggle": "斜率（导数）",
    "curves.slope_help": "梯度下降沿着斜率走：陡表示推力大，平表示几乎不动。",
    "curves.target.mean_squared_logarithmic_error": "固定的目标值 y_true",
    "curves.target.mean_absolute_percentage_error": "固定的目标值 y_true",
    "curves.target.kl_divergence": "类别 1 的真实概率",
    "curves.target.poisson": "观测计数 y_true",
    "curves.target.PoissonNLLLoss": "观测计数 y_true",
    "curves.target.KLDivLoss": "该元素的真实概率 y",
    "curves.param_help": "{help}",
    "curves.axis.error": "误差 ŷ − y",
    "curves.axis_hint.error": "预测值减目标值",
    "curves.axis.y_pred": "预测值 ŷ",
    "curves.axis_hint.y_pred": "目标值 y_true 保持不变",
    "curves.axis.probability": "标签 1 的预测概率 p",
    "curves.axis.logit": "Logit z",
    "curves.axis_hint.logit": "sigmoid 之前的分数",
    "curves.axis.p_true": "真实类别的预测概率",
    "curves.axis.logit_true": "真实类别的 logit",
    "curves.axis_hint.logit_true": "其他类别的 logit 为 0",
    "curves.axis.p_class1": "类别 1 的预测概率",
    "curves.axis_hint.p_class1": "两个类别：其余概率归类别 0",
    "curves.axis.p_element": "预测概率 p_j",
    "curves.axis.rate": "预测速率 λ",
    "curves.axis.margin": "间隔 y·f(x)",
    "curves.axis_hint.margin": "为正：分在正确一侧；不小于 1：正确且留有间隔",
    "curves.axis.angle": "y_true 与 y_pred 的夹角",
    "curves.axis.coverage": "重叠：预测覆盖真实目标的比例",
    "curves.axis.similarity": "这一对的余弦相似度",
    "curves.axis.ctc_p": "每个时间步上标签的概率",
    "curves.axis_short.error": "误差",
    "curves.axis_short.y_pred": "ŷ",
    "curves.axis_short.probability": "p",
    "curves.axis_short.logit": "z",
    "curves.axis_short.p_true": "p(真实类别)",
    "curves.axis_short.logit_true": "z(真实类别)",
    "curves.axis_short.p_class1": "p(类别 1)",
    "curves.axis_short.p_element": "p_j",
    "curves.axis_short.rate": "λ",
    "curves.axis_short.margin": "间隔",
    "curves.axis_short.angle": "夹角（弧度）",
    "curves.axis_short.coverage": "重叠",
    "curves.axis_short.similarity": "相似度",
    "curves.axis_short.ctc_p": "p",
    "curves.quantity.loss": "每个样本的损失",
    "curves.quantity.term": "每个元素的损失项",
    "curves.quantity_short.loss": "损失",
    "curves.quantity_short.term": "项",
    "curves.slope_title": "斜率  d 损失 / dx",
    "curves.slope_short": "斜率",
    "curves.loss.zero_one": "0-1 损失（参照）",
    "curves.loss.logistic": "逻辑损失 log₂(1 + e⁻ᵐ)",
    "curves.curve.target": "y_true = {value}",
    "curves.curve.label": "y_true = {value}",
    "curves.curve.kld_target": "真实 p = {value}",
    "curves.curve.delta": "Huber δ = {value}",
    "curves.curve.gamma": "γ = {value}",
    "curves.curve.overlap_inside": "在目标内部（只有漏检）",
    "curves.curve.overlap_same": "大小相同，位置偏移",
    "curves.curve.overlap_double": "目标的两倍大",
    "curves.curve.circle_positive": "正样本对（负样本对相似度为 0）",
    "curves.curve.circle_negative": "负样本对（正样本对相似度为 1）",
    "curves.curve.ctc_steps": "{steps} 个时间步",
    "curves.level.cap_y1": "y = 1 的上限：−log(1e−7) = {value}",
    "curves.level.cap_y0": "y = 0 的上限：{value}（{dtype}：1 − 1e−7 → 0.99999988）",
    "curves.level.cap_both": "上限：−log(1e−7) = {value}",
    "curves.level.cap_both.short": "上限 {value}",
    "curves.level.cap_y1.short": "上限 {value}",
    "curves.level.cap_y0.short": "上限 {value}（{dtype}）",
    "curves.level.cap_true.short": "上限 {value}",
    "curves.level.cap_true": "上限：−log(1e−7) = {value}（p 被裁剪到 1e−7）",
    "curves.points.legend_term": "你的元素（{count} 个）",
    "curves.points.legend_sample": "你的样本（{count} 个）",
    "curves.points.legend_term_first": "你的元素（{count} 个中的前 {shown} 个）",
    "curves.points.legend_sample_first": "你的样本（{count} 个中的前 {shown} 个）",
    # curve points
    "curves.points.where_term": {"$j": {
        "": "样本 {sample}",
        "other": "样本 {sample}，j={j}",
    }},
    "curves.points.where_sample": {"$rest": {
        "": "样本 {sample}",
        "other": "样本 {sample}，位置 {rest}",
    }},
    "curves.points.where_batch": "整个批次",
    "curves.points.short_batch": "全部",
    "curves.points.here": {"$kind": {
        "term": "此处有 {count} 个元素",
        "other": "此处有 {count} 个样本",
    }},
    "curves.points.member": "{where}：y_true = {y_true}，y_pred = {y_pred}",
    "curves.points.more": "……另有 {count} 个",
    "curves.points.count": "×{count}",
    "curves.zoom": "放大到你的点",
    "curves.zoom_help": (
        "打开：图表对准你的数字，并保留足够的曲线来看清形状。关闭：显示整条曲线。"
        "图表右上角 Plotly 的 Autoscale（自动缩放）按钮也能显示整条曲线。"
    ),
    "curves.points.labels_hint": (
        "标注：样本,j（0,1 表示样本 0、j = 1）。×2：你有两个元素落在同一个点上；"
        "把鼠标移到点上可以看到是哪几个。"
    ),
    "curves.note.mean_squared_error": "一条抛物线：误差翻倍，代价变成四倍；斜率 2e 随误差增大。",
    "curves.note.mean_absolute_error": "一个 V 形：每一单位误差代价相同，误差再小斜率也是 ±1。",
    "curves.note.log_cosh": "在 0 附近约为 e²/2，远处约为 |e| − log 2：像 MSE 一样平滑，像 MAE 一样稳健。",
    "curves.note.hinge": "间隔达到 1 之后为零：正确且留有间隔的样本不再计入。它处处位于 0-1 损失之上。",
    "curves.note.squared_hinge": "铰链损失的平方：在间隔 1 处没有折角，对严重违反间隔的样本惩罚更重。",
    "curves.note.huber_deltas": (
        "虚线：δ 的其他取值。在 ±δ 以内 Huber 为 ½e²，相当于 MSE / 2；在外面线性增长，像 MAE。"
    ),
    "curves.note.mean_squared_logarithmic_error": (
        "在固定目标值下对预测值作图：高估比同样幅度的低估代价更小，因为对数压缩了大的数值。"
    ),
    "curves.note.mean_absolute_percentage_error": (
        "在固定目标值下对预测值作图：一个 V 形，陡度为每单位 100 / |y| 个百分点，所以目标值越小曲线越陡。"
    ),
    "curves.note.clip": (
        "Keras 把 p 裁剪到 [1e−7, 1 − 1e−7]，所以自信却错误的预测最多只花费 −log(1e−7) ≈ 16.118，"
        "而不是无穷大；在被裁剪的区域斜率为 0。以 {dtype} 计算。"
    ),
    "curves.note.from_logits": "使用 from_logits 时，损失直接由 logit 计算：没有裁剪，所以没有上限。",
    "curves.note.rest_shared": "其余 {others} 个类别平分剩下的概率。",
    "curves.note.other_logits": "其余 {others} 个类别的 logit 为 0。",
    "curves.note.gce": (
        "(1 − p^q) / q：q 接近 0 时表现像交叉熵，q = 1 时像 MAE；曲线在 p = 0 处仍是有限值，"
        "因此对错误标签更稳健。"
    ),
    "curves.note.kld": "KL([1 − t, t] ‖ [1 − p, p])：当预测等于真实分布时为零。",
    "curves.note.kld_term": "每个元素的项 y·log(y / p)，随其预测值 p 变化。",
    "curves.note.poisson": "Keras 省略了常数项 log(y!)，所以损失可以为负；最小值在 λ = y_true 处。",
    "curves.note.categorical_hinge": "间隔 = 真实类别的分数 − 最高的错误类别分数。",
    "curves.note.cosine": "只有方向起作用：Keras 会把两个向量都归一化，所以损失是 −cos(夹角)。",
    "curves.note.overlap": (
        "一个面积为 1 的目标，以及覆盖其一部分的预测掩码：在目标内部、与目标同样大小但有偏移、"
        "或是目标的两倍大。"
    ),
    "curves.note.circle": (
        "一个锚点、一个正样本和一个负样本的嵌入；随着某一对的相似度变化，画出锚点的损失。"
        "斜率就是 Keras 训练时用的梯度：与论文不同，Keras 不把各对的权重当作常数，所以权重也会影响斜率。"
    ),
    "curves.note.ctc": (
        "标签序列为 \"1\"；每个时间步上标签的概率为 p，空白的概率为 1 − p。"
        "时间步越多，能拼出 \"1\" 的对齐方式就越多。"
    ),
    "curves.note.overlay_regression": (
        "在 0 附近，Huber 和 log-cosh 像 MSE 一样平滑（约为 e²/2），而 MAE 有一个折角。"
        "远离 0 时，MSE 随误差的平方增长，少数离群点就会主导它；MAE、Huber 和 log-cosh 只线性增长。"
    ),
    "curves.note.logistic": (
        "逻辑损失不是 Keras 的损失函数：这里画的是 y = 1 时由 logits 计算的二元交叉熵，"
        "再除以 ln 2，使它在间隔 0 处经过 1。"
    ),
    "curves.curve.beta": "SmoothL1Loss β = {value}",
    "curves.note.smooth_l1_betas": (
        "虚线：β 的其他取值。在 ±β 以内 SmoothL1Loss 为 ½e²/β；在外面为 |e| − β/2，"
        "无论 β 取多少斜率都是 ±1，所以 β 越小越接近 L1Loss。"
    ),
    "curves.note.log_clamp": (
        "PyTorch 不裁剪 p，而是把每个 log 截断在 −100：p 越接近错误的一端，曲线就一直往上爬，"
        "y = 1 时在 p = 0 处（y = 0 时在 p = 1 处）达到 100。"
    ),
    "curves.note.logits_torch": (
        "BCEWithLogitsLoss 直接接收 logit，用一步数值稳定的运算算出 log σ(x)：没有裁剪，所以也没有上限。"
    ),
    "curves.note.log_probabilities": (
        "这里用 log p 作为分数来画：log_softmax 不会改变对数概率，所以 CrossEntropyLoss 和 "
        "NLLLoss 在这里都等于真实类别的 −log p。"
    ),
    "curves.note.kl_div": "PyTorch 的输入是 log p：每个元素的项 y·(log y − log p)，随 p 变化。",
    "curves.note.poisson_nll": (
        "开启 log_input（默认）时，输入是 log λ，损失为 e^x − y·x，这里按 λ = e^x 来画。"
        "除非开启 full，否则省略常数项 log(y!)；最小值在 λ = y_true 处。"
    ),
    "curves.note.soft_margin": (
        "log(1 + e^(−间隔))：即逻辑损失。处处光滑，且永远不会恰好为 0，"
        "所以即使已经正确很多的样本也还会产生一点拉力。"
    ),
    "curves.note.multi_margin": (
        "真实类别得分为 m，一个错误类别得分为 0：损失是 max(0, margin − m)^p 除以类别数。"
        "每多一个落在间隔之内的错误类别就再加一项，所以这样的样本会落在曲线上方。"
    ),
    "curves.note.margin_ranking": (
        "一对 (x₁, x₂)，应当把 x₁ 排在前面（y = 1）：间隔是 x₁ − x₂，损失 "
        "max(0, margin − (x₁ − x₂)) 在 x₁ 领先达到参数 margin 时归零。"
    ),
    "curves.note.hinge_embedding": (
        "y = 1（相似的一对）：损失就是距离本身。y = −1（不相似的一对）：max(0, margin − 距离)，"
        "两者相距至少 margin 后为零。"
    ),
    "curves.note.cosine_embedding": (
        "y = 1：1 − cos(夹角)，把这一对拉近。y = −1：max(0, cos(夹角) − margin)，"
        "把这一对推开，直到余弦低于 margin。"
    ),
    "curves.note.overlay_focal": (
        "y = 1 时的二元焦点交叉熵；γ = 0 就是普通交叉熵。γ 越大，已经判断正确的样本的损失越平"
        "（Lin 等，2017）。"
    ),
    "curves.lesson.shown": "圆点：你在讲解页输入的数字，用本页的设置计算。",
    "curves.lesson.other_loss": "你在讲解页的示例用的是 {loss}；在这里选择它，就能在它的曲线上看到你的数字。",
    "curves.lesson.no_place": "你的数字在这条曲线上没有单一的位置。",
    "curves.lesson.error": "你在讲解页的输入无法在这里绘制：{error}",
    # 框架切换、链接、演示模式、对比页和小测验页。
    "compare.title": "Keras 与 PyTorch 对比",
    "compare.intro": (
        "同一组数字分别经过一个 Keras 损失函数和与它最接近的 PyTorch 损失函数，逐步对照，"
        "并说明两个结果在哪里不同、为什么不同。"
    ),
    "compare.presets": "对比示例",
    "compare.presets.help": "每个示例载入的输入都展示两个框架之间的一处差异。",
    "compare.preset.logits.label": "logits 还是概率",
    "compare.preset.logits.help": (
        "CrossEntropyLoss 把示例中的数字当作 logits，Keras 的 categorical_crossentropy 则当作概率："
        "结果是 {torch_values:list} 对 {keras_values:list}。"
    ),
    "compare.preset.mean.label": "对所有元素求平均",
    "compare.preset.mean.help": (
        "输入经过转换后，KLDivLoss 的 \"mean\" 除以全部 {count} 个元素，Keras 则除以 {batch} 个样本："
        "PyTorch 得到 {torch_value}，Keras 得到 {keras_value}。"
    ),
    "compare.preset.clip.label": "裁剪与截断",
    "compare.preset.clip.help": (
        "恰好为 0 和 1 的概率：Keras 把它们裁剪到 1e-7（上限为 16.118），"
        "PyTorch 则把对数截断在 -100（上限为 100）。"
    ),
    "compare.preset.kl_log.label": "KLDivLoss 要的是对数",
    "compare.preset.kl_log.help": (
        "KLDivLoss 把 y_pred 当作对数概率；直接给它概率本身，它会返回一个负数。"
        "打开“转换输入”，就能看到 batchmean 与 Keras 一致。"
    ),
    "compare.preset.class_weight.label": "类别权重",
    "compare.preset.class_weight.help": (
        "各类别的权重为 {weights:list}：PyTorch 除以各目标的权重之和（{weight_sum}），Keras 除以 {count} 个样本。"
    ),
    "compare.preset.similar_names.label": "名字相似",
    "compare.preset.similar_names.help": (
        "HingeEmbeddingLoss 和 Keras 的 hinge 是不同的损失函数：在 Keras 文档的例子上分别得到 {torch_value} "
        "和 {keras_value}。另外两对请在上方选择 categorical_hinge 或 cosine_similarity。"
    ),
    "compare.preset.poisson.label": "泊松对数速率",
    "compare.preset.poisson.help": (
        "PoissonNLLLoss 默认把 y_pred 当作速率的对数，Keras 的 poisson 则当作速率本身。"
        "打开“转换输入”即可一致。"
    ),
    "compare.notice": "这个示例说明：",
    "compare.pair": "损失函数对",
    "compare.pair.label": "{keras} ↔ {torch}",
    "compare.pair.help": "一个 Keras 损失函数，以及与它最接近的 torch.nn 损失函数。",
    "compare.y_true": "y_true（Keras 的目标值）",
    "compare.y_pred": "y_pred（Keras 的预测值）",
    "compare.class_weight": "类别权重（可选）",
    "compare.class_weight.placeholder": "[1, 2, 3]：每类一个",
    "compare.class_weight.help": (
        "即 PyTorch 的 weight 参数；Keras 则把它们变成每个样本一个的样本权重"
        "（与 Model.fit 的 class_weight 做法相同）。"
    ),
    "compare.class_weight.not_1d": "类别权重是一列数字，例如 [1, 2, 3]。",
    "compare.translate": "转换输入",
    "compare.translate.help": (
        "关闭：PyTorch 拿到同样的数字，按它自己的方式解读。打开：把数字转换成 PyTorch 期望的形式"
        "（概率取对数，用速率代替对数速率）。"
    ),
    "compare.from_logits": "Keras from_logits",
    "compare.from_logits.help": "让 Keras 把 y_pred 当作 logits，就像 PyTorch 的 CrossEntropyLoss 一贯的做法。",
    "compare.keras_reduction": "Keras 归约方式",
    "compare.torch_reduction": "PyTorch 归约方式",
    "compare.keras_params": "来自讲解页的 Keras 参数：{params}",
    "compare.from_lesson": "从你在讲解页的示例（{loss}）开始。",
    "compare.keras.header": "Keras 3",
    "compare.torch.header": "PyTorch",
    "compare.receives": "PyTorch 收到的输入",
    "compare.receives.y_true": "target (y_true)",
    "compare.receives.y_pred": "input (y_pred)",
    "compare.agree": "两个结果一致。",
    "compare.differ": "两个结果不同：原因见下文。",
    "compare.differ_shape": "两个结果的形状不同：原因见下文。",
    "compare.why": "为什么不同",
    "compare.why.none": "这里没有差异：对这些输入，两个损失函数算的是同一个量。",
    "compare.steps": "逐步计算",
    "compare.snippets": "自己运行一下",
    "compare.snippet.keras": "Keras 3",
    "compare.snippet.torch": "PyTorch",
    "compare.waiting": "上方的输入有效后，结果会显示在这里。",
    "compare.learns.header": "两个模型各自学到了什么",
    "compare.learns.intro": "对这些数字，两个框架各自传回的梯度：每个预测值的 ∂L/∂ŷ，也就是训练真正用到的东西。",
    "compare.grad.agree": "两个梯度一致：两个模型从这个批次学到的东西相同。",
    "compare.grad.translated": "PyTorch 收到的是转换后的预测值，所以它的梯度是对那些数字求的，而不是对你的 y_pred：两张表不能逐个元素比较。",
    "compare.grad.logits": (
        "梯度不同，是因为同样的数字含义不同。Keras 的 {keras} 把它们当作概率，梯度要经过除以行和与截断；"
        "CrossEntropyLoss 把它们当作 logits，梯度是 softmax(ŷ) − one-hot。第一个样本："
        "Keras {keras_row:list}，PyTorch {torch_row:list}。"
    ),
    "compare.grad.clamp": {"$count": {
        "one": "有 1 个概率等于 0 或 1（或超出 Keras 的截断范围）：Keras 的截断在那里传回 0，而 BCELoss 除以 max(p(1 − p), 1e-12)，传回一个巨大的数。",
        "other": "有 {count} 个概率等于 0 或 1（或超出 Keras 的截断范围）：Keras 的截断在那里传回 0，而 BCELoss 除以 max(p(1 − p), 1e-12)，传回巨大的数。",
    }},
    "compare.grad.scale": "PyTorch 的每个梯度都是 Keras 的 {ratio:g} 倍：方向相同，只是归约的除数不同。",
    "compare.grad.differ": "梯度不同。第一个样本：Keras {keras_row:list}，PyTorch {torch_row:list}。",
    "compare.diff.logits": (
        "CrossEntropyLoss 接收 logits，自己做 softmax；Keras 的 {keras} 接收概率，除非设置 "
        "from_logits=True。这些 y_pred 当作 logits 得到各样本的损失 {torch_values:list}；当作概率则得到 "
        "{keras_values:list}。要让 PyTorch 得到同样的概率分布，就传入概率的对数，这正是“转换输入”所做的。"
    ),
    "compare.diff.mean_elements": (
        "PyTorch 的 \"mean\" 把全部 {count} 个元素之和除以 {count}；Keras 先沿类别轴把每个样本的 "
        "{classes} 项加起来，再除以 {batch} 个样本。对于在类别上求和的损失（例如 KL 散度），"
        "两者相差 {classes} 倍：在 PyTorch 中请使用 reduction=\"batchmean\"。"
    ),
    "compare.diff.elementwise_mean": (
        "Keras 先对每个样本的 {per_row} 个元素求平均，再对样本求平均；PyTorch 的 \"mean\" "
        "一次性对全部 {count} 个元素求平均。对完整的批次两者结果相同，但归约方式为 \"none\" 时，"
        "Keras 每个样本返回一个损失，PyTorch 则每个元素返回一个。"
    ),
    "compare.diff.elementwise_sum": (
        "Keras 中一个样本的损失是它 {per_row} 个元素的平均值，所以 Keras 的 \"sum\" 是把 {batch} "
        "个逐样本平均值相加；PyTorch 的 \"sum\" 把每个元素都加起来，是前者的 {per_row} 倍。"
    ),
    "compare.diff.clip": (
        "有 {count} 个预测值恰好为 0 或 1。Keras 把概率裁剪到 [1e-7, 1 - 1e-7]，"
        "所以自信却错误的预测最多花费 -log(1e-7) = 16.118；PyTorch 的 BCELoss 则把对数截断在 "
        "-100，上限为 100。"
    ),
    "compare.diff.kl_log": (
        "KLDivLoss 的输入是对数概率（Keras 的 KLDivergence 接收概率本身），而且它的默认归约方式 "
        "\"mean\" 除以元素总数，得到的并不是 KL 散度；\"batchmean\" 除以批次大小，与 Keras 一致。"
        "请传入 log(y_pred) 并设置 reduction=\"batchmean\"。"
    ),
    "compare.diff.kl_log_untranslated": (
        "这里 PyTorch 把概率 {first} 等当作对数概率：相当于认为概率是 e^{first}（其余依此类推），"
        "得到的散度毫无意义，甚至为负。"
    ),
    "compare.diff.class_weight": (
        "类别权重为 {weights:list} 时，PyTorch 的 \"mean\" 用加权和除以各目标的权重之和（{weight_sum}）；"
        "Keras（把类别权重当作样本权重）在默认归约方式下除以样本数（{count}）。"
        "Keras 的 \"mean_with_sample_weight\" 除以权重之和，与 PyTorch 相同。"
    ),
    "compare.diff.similar_hinge": (
        "HingeEmbeddingLoss 不是 Keras 的 hinge：它接收的是距离，相似的一对（y = 1）代价是 x 本身，"
        "不相似的一对（y = -1）代价是 max(0, margin - x)。Keras 的 hinge 则是作用在分数上的 "
        "max(0, 1 - y·ŷ)。"
    ),
    "compare.diff.similar_multimargin": (
        "MultiMarginLoss 不是 Keras 的 categorical_hinge：它把每个错误类别的铰链损失相加，"
        "再除以类别数；categorical_hinge 只看得分最高的那个错误类别。"
    ),
    "compare.diff.similar_cosine": (
        "CosineEmbeddingLoss 不是 Keras 的 cosine_similarity：它比较一对向量 (x1, x2)，"
        "相似的一对代价为 1 - cos，而 Keras 给出的是 -cos。这里 x1 是 y_true，x2 是 y_pred，"
        "每一对都标记为相似，所以 PyTorch 的损失等于 Keras 的损失加 1。"
    ),
    "compare.diff.poisson_log": (
        "PoissonNLLLoss 默认 log_input=True：它把 y_pred 当作速率的对数，计算 e^x - y·x。"
        "Keras 的 poisson 接收速率本身。设置 log_input=False（以及 eps=1e-7，即 Keras 的偏移量）"
        "即可一致。"
    ),
    "compare.diff.reduction": (
        "两边选的归约方式并不对应：Keras 是 \"{keras}\"，PyTorch 是 \"{torch}\"。"
        "与 Keras 的 \"{keras}\" 对应的 PyTorch 归约方式是 \"{expected}\"。"
    ),
    "compare.conv.one_hot_to_index": "y_true：one-hot 行变成类别索引 {indices:list}（PyTorch 常用的目标形式）。",
    "compare.conv.soft_targets": "y_true：这些行不是 one-hot，所以 PyTorch 把它们当作类别概率。",
    "compare.conv.labels_01_to_pm1": "y_true：标签 0/1 变成 -1/1，与 Keras 的 hinge 所做的转换相同。",
    "compare.conv.pair_labels": "y_true 成为每一对中的 x1，每一对的标签都是 1（相似）。",
    "compare.conv.stack_pair": "y_pred 变成 (x1, x2) = (y_true, y_pred)，沿 axis 1 堆叠，形状为 {shape}。",
    "compare.conv.log_probabilities": (
        "y_pred：Keras 所用概率的对数（每行先除以该行之和，再裁剪到 [1e-7, 1 - 1e-7]）。"
    ),
    "compare.conv.log_kl": "y_pred：概率的对数，概率先像 Keras 那样裁剪到 [1e-7, 1]。",
    "compare.conv.rate": "PyTorch：log_input=False 且 eps=1e-7，因此 y_pred 被当作速率，与 Keras 相同。",
    "compare.conv.class_weight_to_sample_weight": (
        "Keras：类别权重变成每个样本一个的样本权重，即该样本所属类别的权重：{weights:list}。"
    ),
    "compare.conv.same_numbers": "PyTorch 拿到同样的数字，按它自己的方式解读。",
    "params.vector_placeholder": "留空表示 None，或每个类别一个数，例如 [1, 2, 3]",
    "export.download_json": "下载计算过程（JSON）",
    "export.header_torch": "在 PyTorch 中复现",
    "export.intro_torch": "在 CPU 上用 PyTorch 运行，先打印出上面的数字，再打印 autograd 自动求出的梯度。",
    "export.download_script_torch": "下载 PyTorch 脚本",
    "framework.label": "框架",
    "framework.keras": "Keras 3",
    "framework.pytorch": "PyTorch",
    "framework.help": (
        "名字相似的损失函数，在 Keras 和 PyTorch 中会算出不同的数：在这里选择页面遵循哪个框架的规则。"
        "切换时会选中另一个框架中最接近的损失函数。"
    ),
    "picker.help.keras": "Keras 3 的损失函数，按类别分组。",
    "picker.help.pytorch": "torch.nn 的损失函数，按类别分组，以类名命名。",
    "reduction.torch.mean.label": "mean（PyTorch 默认）",
    "reduction.torch.mean.explain": (
        "对未归约损失的每个元素求平均，而不是按样本求平均；有类别权重时，除以各目标的权重之和。"
    ),
    "reduction.torch.batchmean.label": "batchmean",
    "reduction.torch.batchmean.explain": (
        "把所有项相加后除以批次大小：得到每个样本的 KL 散度，与 Keras 给出的一样。"
    ),
    "reduction.torch.sum.label": "sum",
    "reduction.torch.sum.explain": "把未归约损失的每个元素相加。",
    "reduction.torch.none.label": "none",
    "reduction.torch.none.explain": "不归约：原样返回 torch 给出的未归约损失。",
    "share.button": "分享这个示例",
    "share.intro": (
        "这个链接会用完全相同的数字、损失函数、参数和归约方式打开 Loss Lab。"
        "用框右上角的按钮复制它。"
    ),
    "share.too_long": (
        "这个示例太长，无法放进链接（超过 {limit} 个字符）。请改为分享下载的脚本或计算过程。"
    ),
    "link.dismiss": "关闭",
    "link.too_long": "链接中的 {name} 长 {length} 个字符，超过了 Loss Lab 能读取的 {limit} 个；已忽略。",
    "link.unknown_value": "链接中的 {name} {value!r} 无法识别（可选值：{allowed}）；改用默认值。",
    "link.unknown_loss": "链接中的损失函数 {value!r} 不是 Loss Lab 认识的损失函数；显示默认示例。",
    "link.bad_array": "无法读取链接中的 {name}：{error} 改为显示该损失函数自带的示例。",
    "link.bad_param": "无法使用链接中的 {name}：{error} 改用默认值 {default}。",
    "link.unknown_key": "链接中有一个设置 {name!r}，但 {loss} 没有这个参数；已忽略。",
    "link.tutorial_ignored": "教程链接只保留 chapter、y_true 和 y_pred：链接里的 {name} 已忽略，因为每一章都有自己的损失函数和设置（要改这些，请打开解释器）。",
    "link.missing_start": "链接里有步数，却没有这些步数的起点 y_pred（start）；已忽略这些步数。",
    "present.start": "演示",
    "present.edit": "修改数字",
    "present.back": "上一步",
    "present.next": "下一步",
    "present.exit": "退出演示",
    "present.progress": "第 {step} 步，共 {total} 步",
    "present.result": "损失值",
    "quiz.title": "小测验",
    "quiz.intro": "先预测 Keras 或 PyTorch 会算出什么数，再对照这个数的完整计算过程来检查。",
    "quiz.source": "题目来源",
    "quiz.source.builtin": "内置题目",
    "quiz.source.lesson": "来自讲解页",
    "quiz.picker": "题目",
    "quiz.picker_help": "出人意料的情形，按类别分组；PyTorch 的题目与 Keras 对比。",
    "quiz.group.pytorch": "PyTorch 与 Keras",
    "quiz.lesson.ask": "要问的是",
    "quiz.lesson.invalid": "讲解页当前的数字算不出可供猜测的损失：{error}",
    "quiz.lesson.not_finite": "这个数不是有限值，没有什么可猜的；换一个问题吧。",
    "quiz.ask.value": "损失值",
    "quiz.ask.sample": "样本 {index} 的逐样本损失",
    "quiz.framework.keras": "Keras 3",
    "quiz.framework.pytorch": "PyTorch",
    "quiz.settings": "{framework} · {loss} · 归约方式 {reduction} · {dtype}",
    "quiz.settings_params": "{framework} · {loss} · {params} · 归约方式 {reduction} · {dtype}",
    "quiz.inputs": "输入",
    "quiz.input.y_true": "y_true",
    "quiz.input.y_pred": "y_pred",
    "quiz.input.sample_weight": "sample_weight",
    "quiz.input.value": "值",
    "quiz.input.step": "时间步",
    # The reduction first: a long name like sum_over_batch_size cannot break, the Chinese can.
    "quiz.question.value": "归约方式为 {reduction} 时，{framework} 返回的损失值是多少？",
    "quiz.question.sample": "归约之前，样本 {index} 的逐样本损失是多少？",
    "quiz.hint": "提示",
    "quiz.guess": "你的猜测",
    "quiz.guess_help": "输入一个数；三位有效数字就够了。",
    "quiz.check": "检查",
    "quiz.next": "下一题",
    "quiz.need_guess": "请先输入你的猜测。",
    "quiz.truth": "真实值",
    "quiz.truth_help": "精确的 {dtype} 值：{value}",
    "quiz.your_guess": "你的猜测",
    "quiz.abs_error": "相差",
    "quiz.rel_error": "相对误差",
    "quiz.rel_error_none": "真实值为 0 时没有定义",
    "quiz.verdict.exact": "完全正确：三位有效数字都对。",
    "quiz.verdict.close": "很接近：与真实值相差不到 10%。",
    "quiz.verdict.off": "偏差较大：相差超过 10%。下面的步骤说明这个数从何而来。",
    "quiz.verdict.off_zero": "偏差较大：真实值是 0。下面的步骤说明这个数从何而来。",
    "quiz.verdict.close_zero": "很接近：真实值是 0，你的猜测与它相差不到 0.05。",
    "quiz.why": "原因：",
    "quiz.custom_explain": "跟着下面的步骤看：其中每个数都来自这些输入。",
    "quiz.link.bad_ask": (
        "链接要问的内容这道题回答不了（可以是 value，或 sample:0 到 sample:{last}）；改为问损失值。"
    ),
    "quiz.link.bad_ask_unreduced": (
        "链接要问的内容这道题回答不了（可以是 sample:0 到 sample:{last}）；改为问样本 0。"
    ),
    "quiz.link.bad_ask_form": (
        "链接要问的内容小测验无法识别（可以是 value，或 sample:0、sample:1 等）；已忽略。"
    ),
    "quiz.link.unknown_q": "链接指定的题目在 Loss Lab 中不存在；已忽略这个名字。",
    "quiz.link.invalid": "链接中的数字算不出可供猜测的损失，因此改为显示一道内置题目。{error}",
    "quiz.error.no_value": "未归约的损失没有单个值可供猜测。",
    "quiz.error.bad_ask": "这些数字无法回答这个问题。",
    "quiz.q.mse_outlier.title": "有一个大误差的 MSE",
    "quiz.q.mse_outlier.hint": "把每个误差平方，对每一行求平均，再对各行求平均。",
    "quiz.q.mse_outlier.explain": (
        "第 0 行的代价是 (0.5² + 0²) / 2 = 0.125，第 1 行是 (1² + 3²) / 2 = 5："
        "那一个大小为 3 的误差几乎构成了整个平均值 (5 + 0.125) / 2 = 2.5625。"
    ),
    "quiz.q.huber_quadratic.title": "δ 以内的 Huber",
    "quiz.q.huber_quadratic.hint": "这里每个误差都是 0.6，小于 δ = 1。",
    "quiz.q.huber_quadratic.explain": (
        "在 ±δ 以内 Huber 是 ½e²，所以每个元素的代价是 ½ · 0.6² = 0.18，它们的平均值也是 0.18："
        "只有 MSE 的一半。"
    ),
    "quiz.q.cce_confident_wrong.title": "自信却错了",
    "quiz.q.cce_confident_wrong.hint": "真实类别的概率是 0。-log(0) 是多少？",
    "quiz.q.cce_confident_wrong.explain": (
        "-log(0) 本应是无穷大，但 Keras 先把概率裁剪到 [1e-7, 1 - 1e-7]，"
        "所以损失停在 -log(1e-7) ≈ 16.118。"
    ),
    "quiz.q.cce_unnormalised.title": "概率之和不为 1",
    "quiz.q.cce_unnormalised.hint": "取对数之前，Keras 先把 y_pred 的每一行除以该行之和。",
    "quiz.q.cce_unnormalised.explain": (
        "第 0 行 [1, 2, 1] 变成 [0.25, 0.5, 0.25]；真实类别的概率是 0.5，"
        "所以损失是 -log(0.5) = log 2 ≈ 0.693，而不是 -log(2)。"
    ),
    "quiz.q.hinge_seed.title": "0/1 标签的铰链损失",
    "quiz.q.hinge_seed.hint": "Keras 先把标签 0 和 1 变成 -1 和 1，再计算 max(0, 1 - y·ŷ)。",
    "quiz.q.hinge_seed.explain": (
        "标签变成 [[-1, 1], [-1, -1]]；两行的代价分别是 (1.6 + 0.6) / 2 = 1.1 和 "
        "(1.4 + 1.6) / 2 = 1.5，它们的平均值是 1.3。"
    ),
    "quiz.q.hinge_minus_one.title": "0/1 铰链标签中混入一个 -1",
    "quiz.q.hinge_minus_one.hint": "只有当每个标签都是 0 或 1 时，Keras 才把 0/1 标签转换成 -1/1。",
    "quiz.q.hinge_minus_one.explain": (
        "最后一行的 -1 让整个批次都不做转换：第 0 行的 0 保持为 0，代价为 max(0, 1 - 0) = 1，"
        "所以第 0 行的代价是 (1 + 0.6) / 2 = 0.8，而不是 1.1。"
    ),
    "quiz.q.hinge_zero_weight.title": "样本权重为 0",
    "quiz.q.hinge_zero_weight.hint": "逐样本损失是 1.1 和 1.5。默认的平均除以的是什么？",
    "quiz.q.hinge_zero_weight.explain": (
        "加权后的损失是 1.1 和 0，而 sum_over_batch_size 除以样本数，权重为 0 的样本也算在内："
        "(1.1 + 0) / 2 = 0.55，而不是 1.1。mean_with_sample_weight 会得到 1.1。"
    ),
    "quiz.q.cosine_same_direction.title": "余弦相似度，方向相同",
    "quiz.q.cosine_same_direction.hint": "Keras 的损失是余弦相似度取负。",
    "quiz.q.cosine_same_direction.explain": (
        "[1, 1] 和 [1, 1] 指向同一方向：余弦为 1，所以损失是 -1，也就是它的最小值。"
        "好的预测得到的是负的损失。"
    ),
    "quiz.q.dice_whole_batch.title": "对整个批次计算 Dice",
    "quiz.q.dice_whole_batch.hint": "在默认的 axis=None 下，Keras 把整个批次的所有元素汇总成一个分数。",
    "quiz.q.dice_whole_batch.explain": (
        "重叠部分 Σ y·ŷ = 3.1，两者的大小为 Σ y = 5 和 Σ ŷ = 3.8，所以损失是 "
        "1 - 2 · 3.1 / 8.8 ≈ 0.295：整个批次只有一个数，而不是逐样本分数的平均。"
    ),
    "quiz.q.ctc_uniform.title": "logits 均匀的 CTC",
    "quiz.q.ctc_uniform.hint": "每一步中 3 个符号的概率都是 1/3。有多少条 3 步的路径能拼出 \"1 2\"？",
    "quiz.q.ctc_uniform.explain": (
        "有五条路径会合并成 \"1 2\"（112、122、_12、1_2、12_），每条的概率都是 (1/3)³，"
        "所以损失是 -log(5/27) ≈ 1.686。"
    ),
    "quiz.q.ctc_too_short.title": "CTC 标签比输入还长",
    "quiz.q.ctc_too_short.hint": "标签 1 2 1 至少需要 3 个时间步；这里只有 2 个。",
    "quiz.q.ctc_too_short.explain": (
        "没有任何 2 步的路径能拼出 1 2 1，所以概率为 0，-log 0 本应是无穷大。"
        "Keras 的 CTC 把 log 0 记作 -1e5 而不是负无穷，所以损失约为 100000。"
    ),
    "quiz.q.torch_bce_clamp.title": "PyTorch BCELoss 遇上 0 和 1",
    "quiz.q.torch_bce_clamp.hint": "PyTorch 不裁剪概率；它把每个对数截断在 -100。",
    "quiz.q.torch_bce_clamp.explain": (
        "两个自信却错误的元素代价为 -log(0)，各被截断为 100；正确的元素代价为 0，"
        "所以平均值是 200 / 4 = 50。Keras 则是裁剪 p，对同样的数字给出 {keras_value}。"
    ),
    "quiz.q.torch_ce_probabilities.title": "PyTorch CrossEntropyLoss 遇上概率",
    "quiz.q.torch_ce_probabilities.hint": "CrossEntropyLoss 总是先对 y_pred 做 softmax：它把这些数当作 logits。",
    "quiz.q.torch_ce_probabilities.explain": (
        "softmax([0.05, 0.95, 0]) 只给真实类别 {probability} 的概率，所以样本 0 的损失是 {first}，"
        "平均为 {value}；Keras 的稀疏分类交叉熵把同样的数字当作概率，得到 {keras_value}。"
    ),
    "quiz.q.torch_nll_probabilities.title": "PyTorch NLLLoss 遇上概率",
    "quiz.q.torch_nll_probabilities.hint": "NLLLoss 期望输入对数概率，它只是把真实类别那一项取负。",
    "quiz.q.torch_nll_probabilities.explain": (
        "它原样取 -0.95 和 -0.1，所以平均值是 -(0.95 + 0.1) / 2 = -0.525："
        "损失为负，因为根本没有取对数。"
    ),
    # decks
    "share.present_intro": "也可以直接在演示模式中打开，一步一步讲解：",
    "deck.add": "加入课件",
    "deck.add.help": "把这个示例按现在的样子保存为课件中的下一课；演示模式会一课接一课地播放整个课件。",
    "deck.added": "已作为第 {number} 课加入课件：{title}",
    "deck.update": "用讲解页中现在的示例替换这一课（标题不变）",
    "deck.header": {"$count": {"0": "课件", "other": "课件 · {count} 课"}},
    "deck.empty": "还没有任何一课。先设置好一个示例再点“加入课件”，或者在下面载入一套现成的课件。",
    "deck.title": "标题",
    "deck.up": "上移",
    "deck.down": "下移",
    "deck.open": "在讲解页中打开",
    "deck.remove": "从课件中删除",
    "deck.play": "演示课件",
    "deck.download": "下载",
    "deck.share": "分享课件",
    "deck.share.present": "直接在演示模式中打开",
    "deck.share.intro": "这个链接会按当前顺序打开课件中的每一课。",
    "deck.share.too_long": "这套课件太长，无法放进链接（超过 {limit} 个字符）。请下载后分享文件。",
    "deck.clear": "清空课件",
    "deck.load": "载入课件",
    "deck.builtin.tutorial": "教程中的例子",
    "deck.builtin.tutorial.help": "教程每一章一课，从一个批次讲到梯度。",
    "deck.builtin.surprises": "意想不到的情况",
    "deck.builtin.surprises.help": "概率为 0 时的截断、铰链损失的 0/1 标签转换、权重为 0 的样本仍被计数、和不为 1 的概率。",
    "deck.builtin.frameworks": "Keras 与 PyTorch",
    "deck.builtin.frameworks.help": "先看 Keras 的损失函数，再用同样的数字看对应的 PyTorch 损失函数：logits、−100 的截断、KLDivLoss 的 mean。",
    "deck.builtin.keras_cce": "Keras 分类交叉熵：输入概率",
    "deck.builtin.keras_bce": "Keras 二元交叉熵：p = 0 和 1 时",
    "deck.builtin.keras_kld": "Keras KL 散度：按样本计算",
    "deck.upload": "课件文件（JSON）",
    "deck.upload.help": "用“下载”保存的文件。载入后会替换上面的各课。",
    "deck.problems": "这套课件有一部分无法载入",
    "deck.progress": "第 {number} 课，共 {count} 课",
    "deck.lesson": {"$title": {"": "第 {number} 课", "other": "第 {number} 课（{title}）"}},
    "deck.problem.full": "课件里已经有 {limit} 课，达到上限。",
    "deck.problem.link_too_long": "链接中的课件有 {length} 个字符，超过了链接能携带的 {limit} 个字符；没有载入。",
    "deck.problem.link_unreadable": "无法解码链接中的课件（可能在复制时被截断了）；没有载入。",
    "deck.problem.too_big": "这套课件有 {size} 字节，超过了上限 {limit} 字节；没有载入。",
    "deck.problem.not_utf8": "课件文件不是 UTF-8 文本；没有载入。",
    "deck.problem.json": "课件文件不是有效的 JSON（第 {line} 行，第 {column} 列）；没有载入。",
    "deck.problem.shape": "这不是 Loss Lab 的课件（应当是一个含有列表 \"lessons\" 的 JSON 对象）；没有载入。",
    "deck.problem.empty": "这套课件里没有任何一课。",
    "deck.problem.too_many": "这套课件有 {count} 课；只载入了前 {limit} 课。",
    "deck.problem.not_lesson": "{lesson}的格式不对（一课应当是含有 loss、y_true 和 y_pred 的对象）；已跳过。",
    "deck.problem.missing": "{lesson}缺少 {field}；已跳过这一课。",
    "deck.problem.not_text": "{lesson}：{field} 必须是文本；已跳过这一课。",
    "deck.problem.choice": "{lesson}：{field} 的值 {value!r} 不在可选值之中（{allowed}）；已跳过这一课。",
    "deck.problem.loss": "{lesson}：{value!r} 不是 Loss Lab 认识的 {framework} 损失函数；已跳过这一课。",
    "deck.problem.torch_weight": "{lesson}：PyTorch 的损失函数不接受 sample_weight；已跳过这一课。",
    "deck.problem.array": "{lesson}：无法读取 {field}：{error} 已跳过这一课。",
    "deck.problem.not_params": "{lesson}：params 必须是由参数名和值组成的对象；已跳过这一课。",
    "deck.problem.param": "{lesson}：无法使用参数 {field}：{error} 已跳过这一课。",
    "deck.problem.unknown_param": "{lesson}：{loss} 没有参数 {field!r}；已忽略。",
    "deck.problem.unknown_field": "{lesson}：{field!r} 不是一课的组成部分；已忽略。",
}


_REAL_TARGETS = "实数目标值。"
_REAL_PREDICTIONS = "实数预测值，形状与 y_true 相同。"
_TORCH_TARGETS = "目标值（torch 的 target）。"
_TORCH_PREDICTIONS = "预测值（torch 的 input），形状与 y_true 相同。"
_PM1_CONVERTED = "标签 -1 或 1（只有当全部标签都是 0 或 1 时，才会转换 0/1 标签）。"

LOSSES: dict[str, str] = {
    "family.regression.long": "回归",
    "family.probabilistic.long": "概率 / 分类",
    "family.margin.long": "间隔（铰链）",
    "family.similarity.long": "相似度与分割",
    "family.sequence.long": "序列与度量学习",
    "loss.mean_squared_error.display": "均方误差",
    "loss.mean_squared_error.description": "把每个误差平方，所以大误差占主导。",
    "loss.mean_squared_error.y_true": _REAL_TARGETS,
    "loss.mean_squared_error.y_pred": _REAL_PREDICTIONS,
    "loss.mean_absolute_error.display": "平均绝对误差",
    "loss.mean_absolute_error.description": "取误差的绝对值：每一单位误差的代价都相同。",
    "loss.mean_absolute_error.y_true": _REAL_TARGETS,
    "loss.mean_absolute_error.y_pred": _REAL_PREDICTIONS,
    "loss.mean_absolute_percentage_error.display": "平均绝对百分比误差",
    "loss.mean_absolute_percentage_error.description": (
        "相对于目标值的误差，以百分比表示；目标值为 0 时除以 1e-7。"
    ),
    "loss.mean_absolute_percentage_error.y_true": "实数目标值（避免 0）。",
    "loss.mean_absolute_percentage_error.y_pred": _REAL_PREDICTIONS,
    "loss.mean_squared_logarithmic_error.display": "均方对数误差",
    "loss.mean_squared_logarithmic_error.description": (
        "log(1 + 值) 之间的平方误差：衡量相对误差，适用于正的目标值。"
    ),
    "loss.mean_squared_logarithmic_error.y_true": "非负目标值。",
    "loss.mean_squared_logarithmic_error.y_pred": "非负预测值，形状与 y_true 相同。",
    "loss.huber.display": "Huber 损失",
    "loss.huber.description": "误差小时是二次的，超过 delta 后是线性的：对离群点稳健。",
    "loss.huber.y_true": _REAL_TARGETS,
    "loss.huber.y_pred": _REAL_PREDICTIONS,
    "loss.log_cosh.display": "Log-cosh 损失",
    "loss.log_cosh.description": "log(cosh(误差))：误差小时约为 e^2/2，误差大时约为 |e| - log 2。",
    "loss.log_cosh.y_true": _REAL_TARGETS,
    "loss.log_cosh.y_pred": _REAL_PREDICTIONS,
    "loss.binary_crossentropy.display": "二元交叉熵",
    "loss.binary_crossentropy.description": (
        "对每个独立的是/否预测取对数损失；概率会被裁剪到 [1e-7, 1 - 1e-7]。"
    ),
    "loss.binary_crossentropy.y_true": "标签 0 或 1（也可以是 [0, 1] 内的软标签）。",
    "loss.binary_crossentropy.y_pred": "标签 1 的概率（使用 from_logits 时为 logits）。",
    "loss.binary_focal_crossentropy.display": "二元焦点交叉熵",
    "loss.binary_focal_crossentropy.description": (
        "二元交叉熵乘以 (1 - p_t)^gamma，让容易的样本占的分量更小。"
    ),
    "loss.binary_focal_crossentropy.y_true": "标签 0 或 1。",
    "loss.binary_focal_crossentropy.y_pred": "标签 1 的概率（使用 from_logits 时为 logits）。",
    "loss.categorical_crossentropy.display": "分类交叉熵",
    "loss.categorical_crossentropy.description": "真实类别所得概率的负对数（自然对数）。",
    "loss.categorical_crossentropy.y_true": "独热（one-hot）行（或总和为 1 的软标签）。",
    "loss.categorical_crossentropy.y_pred": (
        "每行是各类别的概率（会重新归一化使其和为 1），使用 from_logits 时为 logits。"
    ),
    "loss.sparse_categorical_crossentropy.display": "稀疏分类交叉熵",
    "loss.sparse_categorical_crossentropy.description": (
        "分类交叉熵，但真实类别以索引给出，而不是独热向量。"
    ),
    "loss.sparse_categorical_crossentropy.y_true": "每行一个类别索引（0 到 C - 1）。",
    "loss.sparse_categorical_crossentropy.y_pred": (
        "每行是各类别的概率（会重新归一化），使用 from_logits 时为 logits。"
    ),
    "loss.categorical_focal_crossentropy.display": "分类焦点交叉熵",
    "loss.categorical_focal_crossentropy.description": (
        "交叉熵乘以 alpha (1 - p)^gamma：自信且正确的预测占的分量更小。"
    ),
    "loss.categorical_focal_crossentropy.y_true": "独热（one-hot）行。",
    "loss.categorical_focal_crossentropy.y_pred": (
        "每行是各类别的概率（会重新归一化），使用 from_logits 时为 logits。"
    ),
    "loss.categorical_generalized_cross_entropy.display": "广义交叉熵",
    "loss.categorical_generalized_cross_entropy.description": (
        "(1 - p_y^q) / q：介于交叉熵（q -> 0）和 MAE（q = 1）之间；对带噪声的标签稳健。"
    ),
    "loss.categorical_generalized_cross_entropy.y_true": "每行一个类别索引。",
    "loss.categorical_generalized_cross_entropy.y_pred": "每行是各类别的概率（按原样使用）。",
    "loss.kl_divergence.display": "KL 散度",
    "loss.kl_divergence.description": (
        "y_pred 的分布与 y_true 的分布相差多少；两者都被裁剪到 [1e-7, 1]。"
    ),
    "loss.kl_divergence.y_true": "每行一个概率分布。",
    "loss.kl_divergence.y_pred": "每行一个概率分布。",
    "loss.poisson.display": "泊松损失",
    "loss.poisson.description": "计数在泊松速率下的负对数似然（省略常数项）。",
    "loss.poisson.y_true": "计数（非负）。",
    "loss.poisson.y_pred": "预测的速率（正数）。",
    "loss.hinge.display": "铰链损失",
    "loss.hinge.description": "max(0, 1 - y * y_pred)：一旦预测以至少 1 的间隔落在正确一侧，损失就为零。",
    "loss.hinge.y_true": _PM1_CONVERTED,
    "loss.hinge.y_pred": "模型输出的得分（任意实数）。",
    "loss.squared_hinge.display": "平方铰链损失",
    "loss.squared_hinge.description": "铰链损失的平方：在间隔处平滑，对严重违反间隔的情况惩罚更重。",
    "loss.squared_hinge.y_true": _PM1_CONVERTED,
    "loss.squared_hinge.y_pred": "模型输出的得分（任意实数）。",
    "loss.categorical_hinge.display": "分类铰链损失",
    "loss.categorical_hinge.description": "最高的错误类别分数必须比真实类别的分数至少低 1。",
    "loss.categorical_hinge.y_true": "独热（one-hot）行。",
    "loss.categorical_hinge.y_pred": "每个类别的得分（任意实数）。",
    "loss.cosine_similarity.display": "余弦相似度",
    "loss.cosine_similarity.description": "y_true 与 y_pred 夹角余弦的相反数：方向相同时为 -1。",
    "loss.cosine_similarity.y_true": "向量（每行一个）。",
    "loss.cosine_similarity.y_pred": "向量，形状与 y_true 相同。",
    "loss.dice.display": "Dice 损失",
    "loss.dice.description": "1 - 2|A 与 B 的交集| / (|A| + |B|)：预测掩码与真实掩码的重叠程度。",
    "loss.dice.y_true": "掩码值 0 或 1。",
    "loss.dice.y_pred": "预测的掩码概率。",
    "loss.tversky.display": "Tversky 损失",
    "loss.tversky.description": (
        "给两种遗漏分别加权的 Dice。在 Keras 的代码里，alpha 加权的是预测漏掉的真实掩码，"
        "beta 加权的是掩码之外的预测，尽管 Keras 把它们叫作假阳性和假阴性。"
    ),
    "loss.tversky.y_true": "掩码值 0 或 1。",
    "loss.tversky.y_pred": "预测的掩码概率。",
    "loss.circle.display": "Circle 损失",
    "loss.circle.description": (
        "把标签相同的嵌入拉近、把其他的推远，离各自最优值最远的样本对权重最大。"
    ),
    "loss.circle.y_true": "每个样本一个整数标签。",
    "loss.circle.y_pred": "每个样本一个嵌入向量；Keras 期望各行长度为 1，并且不会替你归一化。",
    "loss.ctc.display": "CTC 损失",
    "loss.ctc.description": (
        "连接时序分类（CTC）：标签序列与各时间步所有对齐方式的总概率的负对数。"
    ),
    "loss.ctc.y_true": "标签序列 (N, L)，类别编号为 1..C-1；0 用于填充（也是空白符）。",
    "loss.ctc.y_pred": "每个时间步的分数 (N, T, C)，用 log-softmax 转成概率。",
    "loss.MSELoss.display": "MSELoss",
    "loss.MSELoss.description": "每个元素的平方误差；\"mean\" 一次性对所有元素求平均。",
    "loss.MSELoss.y_true": _TORCH_TARGETS,
    "loss.MSELoss.y_pred": _TORCH_PREDICTIONS,
    "loss.L1Loss.display": "L1Loss",
    "loss.L1Loss.description": "每个元素的绝对误差。",
    "loss.L1Loss.y_true": _TORCH_TARGETS,
    "loss.L1Loss.y_pred": _TORCH_PREDICTIONS,
    "loss.HuberLoss.display": "HuberLoss",
    "loss.HuberLoss.description": "误差小于 delta 时是二次的，超过后是线性的：逐元素的 Keras Huber。",
    "loss.HuberLoss.y_true": _TORCH_TARGETS,
    "loss.HuberLoss.y_pred": _TORCH_PREDICTIONS,
    "loss.SmoothL1Loss.display": "SmoothL1Loss",
    "loss.SmoothL1Loss.description": "Huber 除以 beta：小于 beta 时是二次的，之后为 |误差| - beta / 2。",
    "loss.SmoothL1Loss.y_true": _TORCH_TARGETS,
    "loss.SmoothL1Loss.y_pred": _TORCH_PREDICTIONS,
    "loss.BCELoss.display": "BCELoss",
    "loss.BCELoss.description": "概率的二元交叉熵；每个对数在 -100 处截断，所以上限是 100。",
    "loss.BCELoss.y_true": "标签 0 或 1（也可以是 [0, 1] 内的软标签）。",
    "loss.BCELoss.y_pred": "[0, 1] 内的概率（torch 的 input）。",
    "loss.BCEWithLogitsLoss.display": "BCEWithLogitsLoss",
    "loss.BCEWithLogitsLoss.description": "由 logits 出发，把 sigmoid 和二元交叉熵合成一个数值稳定的步骤。",
    "loss.BCEWithLogitsLoss.y_true": "标签 0 或 1（也可以是 [0, 1] 内的软标签）。",
    "loss.BCEWithLogitsLoss.y_pred": "Logits（原始分数，torch 的 input）。",
    "loss.CrossEntropyLoss.display": "CrossEntropyLoss",
    "loss.CrossEntropyLoss.description": "先对 logits 做 log-softmax，再取目标类别对数概率的相反数。",
    "loss.CrossEntropyLoss.y_true": "每个样本一个类别索引 (N,)，或类别概率 (N, C)。",
    "loss.CrossEntropyLoss.y_pred": "Logits（原始分数），类别在 axis 1 上：(N, C) 或 (N, C, d)。",
    "loss.NLLLoss.display": "NLLLoss",
    "loss.NLLLoss.description": "目标类别所给对数概率的相反数（请先做 log_softmax）。",
    "loss.NLLLoss.y_true": "每个样本一个类别索引 (N,)。",
    "loss.NLLLoss.y_pred": "对数概率，类别在 axis 1 上：(N, C) 或 (N, C, d)。",
    "loss.KLDivLoss.display": "KLDivLoss",
    "loss.KLDivLoss.description": (
        "由对数概率计算的逐点 KL 散度；\"batchmean\" 给出 KL 散度，\"mean\"（默认）则除以全部元素个数。"
    ),
    "loss.KLDivLoss.y_true": "目标概率（使用 log_target 时为对数概率）。",
    "loss.KLDivLoss.y_pred": "对数概率（torch 的 input），形状与 y_true 相同。",
    "loss.PoissonNLLLoss.display": "PoissonNLLLoss",
    "loss.PoissonNLLLoss.description": "泊松负对数似然；默认情况下 y_pred 是速率的对数。",
    "loss.PoissonNLLLoss.y_true": "计数（非负）。",
    "loss.PoissonNLLLoss.y_pred": "对数速率（log_input=True，默认）或速率。",
    "loss.HingeEmbeddingLoss.display": "HingeEmbeddingLoss",
    "loss.HingeEmbeddingLoss.description": (
        "对距离 x：相似的样本对（y = 1）取 x 本身，不相似的（y = -1）取 max(0, margin - x)。"
    ),
    "loss.HingeEmbeddingLoss.y_true": "标签 1（相似）或 -1（不相似）。",
    "loss.HingeEmbeddingLoss.y_pred": "距离（torch 的 input），形状与 y_true 相同。",
    "loss.SoftMarginLoss.display": "SoftMarginLoss",
    "loss.SoftMarginLoss.description": "标签为 1 或 -1 的逻辑损失 log(1 + exp(-y x))。",
    "loss.SoftMarginLoss.y_true": "标签 1 或 -1。",
    "loss.SoftMarginLoss.y_pred": "模型输出的得分（任意实数），形状与 y_true 相同。",
    "loss.MultiMarginLoss.display": "MultiMarginLoss",
    "loss.MultiMarginLoss.description": (
        "多类别铰链损失：每个与目标分数相差不到 margin 的其他类别都产生代价，求和后除以类别数。"
    ),
    "loss.MultiMarginLoss.y_true": "每个样本一个类别索引 (N,)。",
    "loss.MultiMarginLoss.y_pred": "每个类别的分数 (N, C)。",
    "loss.CosineEmbeddingLoss.display": "CosineEmbeddingLoss",
    "loss.CosineEmbeddingLoss.description": (
        "应当匹配的样本对（y = 1）取 1 - cos(x1, x2)，不应匹配的（y = -1）取 max(0, cos - margin)。"
    ),
    "loss.CosineEmbeddingLoss.y_true": "每对一个标签：1（相似）或 -1（不相似），形状 (N,)。",
    "loss.CosineEmbeddingLoss.y_pred": (
        "样本对沿 axis 1 堆叠，形状 (N, 2, D)：y_pred[:, 0] 是 x1，y_pred[:, 1] 是 x2。"
    ),
    "loss.MarginRankingLoss.display": "MarginRankingLoss",
    "loss.MarginRankingLoss.description": "y = 1 时 x1 的分数应比 x2 高出 margin，y = -1 时应更低。",
    "loss.MarginRankingLoss.y_true": "每对一个标签：1（x1 排在前）或 -1（x2 排在前），形状 (N,)。",
    "loss.MarginRankingLoss.y_pred": "样本对放在两列中，形状 (N, 2)：y_pred[:, 0] 是 x1，y_pred[:, 1] 是 x2。",
    "param.delta.help": "二次部分变为线性的位置。",
    "param.from_logits.help": "y_pred 是 logits（原始分数），而不是概率。",
    "param.label_smoothing.help": "按这个比例把目标值向均匀分布移动。",
    "param.label_smoothing.mix.help": "在目标中混入这么多的均匀分布。",
    "param.axis.help": "损失在哪个轴上聚合。",
    "param.axis.overlap.help": "None：整个批次一个分数；一个或多个轴：每个样本一个分数。",
    "param.apply_class_balancing.help": "正类乘以 alpha，负类乘以 1 - alpha。",
    "param.alpha.focal.help": "正类的权重。",
    "param.alpha.tversky.help": "sum(y (1 - y_pred)) 的权重，即漏掉的真实掩码（Keras 中的 'fp'）。",
    "param.alpha.focal_per_class.help": "每个类别的权重：一个数对所有类别通用，或者一个列表，每个类别一个权重。",
    "param.gamma.focal_per_class.help": "聚焦强度：0 就是普通的交叉熵；给一个列表则每个类别一个值。",
    "param.gamma.focal.help": "聚焦强度：为 0 时就是普通交叉熵。",
    "param.gamma.circle.help": "相似度的缩放系数。",
    "param.ignore_class.help": "标签等于这个类别的行会被屏蔽，不计入损失。",
    "param.q.help": "介于 0（交叉熵）和 1（MAE）之间。",
    "param.beta.tversky.help": "sum((1 - y) y_pred) 的权重，即掩码之外的预测（Keras 中的 'fn'）。",
    "param.beta.smooth_l1.help": "二次部分变为线性的位置（0：即 L1Loss）。",
    "param.margin.circle.help": "松弛间隔 m。",
    "param.margin.hinge_embedding.help": "距离小于此值的不相似样本对，代价为 margin - x。",
    "param.margin.multi_margin.help": "目标类别至少要比其他每个类别领先多少。",
    "param.margin.help": "间隔。",
    "param.remove_diagonal.help": "忽略每个样本与自身组成的对。",
    "param.weight.element.help": "对每个元素重新加权；沿最后一个轴广播。",
    "param.weight.class.help": "每个类别一个权重；这时 \"mean\" 除以各目标的权重之和。",
    "param.pos_weight.help": "正项的权重，每个类别一个（最后一个轴）。",
    "param.ignore_index.help": "等于此索引的目标计为 0，并且不计入除数。",
    "param.log_target.help": "y_true 是对数概率。",
    "param.log_input.help": "y_pred 是速率的对数。",
    "param.full.help": "在 y > 1 处加上 log(y!) 的 Stirling 近似。",
    "param.eps.help": "取对数前加到速率上的数（log_input=False 时）。",
    "param.p.help": "1 或 2：每个铰链项的幂次。",
}


_SHAPES = "y_true 的形状是 {y_true_shape}，y_pred 的形状是 {y_pred_shape}："

# losses/compute.py, losses/reduction.py, losses/errors.py, losses/spec.py: steps, notes and errors every loss shares
# (core section)
CORE: dict[str, object] = {
    "latex.more": "另有 {count} 项",
    "latex.no_reduction": "不归约",
    "latex.otherwise": "其他情况",
    "step.per_sample": "逐样本损失",
    "step.per_sample.torch": "未归约的损失（即 reduction=\"none\" 时返回的结果）",
    "step.weighting": "给每个样本加权",
    "step.reduction": "按 {reduction} 归约",
    "note.zero_weight_counted": (
        "权重为 0 的样本不给总和增加任何东西，但在 {reduction} 的除数 {divisor} 中仍被计数。"
    ),
    "note.scalar_weight_divisor": (
        "权重只是一个数（{weight}），所以 mean_with_sample_weight 只除以这个数一次，而不是除以 "
        "{count} 个权重之和。"
    ),
    "note.scalar_not_reduced": (
        "损失已经是一个数（只有一个样本，或是整个批次共用一个损失），所以 Keras 不做归约，直接返回。"
    ),
    "note.weight_broadcast_last_axis": (
        "逐样本损失的形状是 {loss_shape}，而权重的形状是 {weight_shape}：numpy 广播会把权重对齐到"
        "最后一个轴，而不是批次轴。要给整个样本加权，请给出形状为 (N, 1) 的权重。"
    ),
    "note.float_rounding": (
        "数字只显示 4 位有效数字，而 {dtype} 的计算精度约为 7 位：样本 {sample} 的精确值是 {exact}，"
        "略小于 1，所以四舍五入显示的各项之和看起来比它大一点。"
    ),
    "note.empty_batch": "批次中没有样本，没有什么可加的：Keras 返回一个空数组。",
    "note.empty_batch_unreduced": "批次为空：Keras 不做归约，直接返回空数组。",
    "note.non_finite": {"$framework": {
        "pytorch": "有些逐样本损失是 NaN 或无穷大：PyTorch 也会得到同样的结果，归约会把它们传播下去。",
        "other": "有些逐样本损失是 NaN 或无穷大：Keras 也会得到同样的结果，归约会把它们传播下去。",
    }},
    "error.shape.same": _SHAPES + "两者形状必须相同，每个 y_pred 对应一个 y_true。",
    "error.shape.same.keras": (
        _SHAPES + "两者形状必须相同，每个 y_pred 对应一个 y_true。Keras 在这里不会停下：它会把两者"
        "广播成形状 {shape}，沿每个长度为 1 的轴重复其中的数值，于是预测值被拿去和本不对应的目标值"
        "比较，然后悄无声息地返回 {keras_value}。"
    ),
    "error.shape.sparse": _SHAPES + "y_true 必须为 y_pred 的每一行给出一个类别索引（形状 {index_shape}）。",
    "error.shape.sparse_axis": (
        _SHAPES + "在 axis = {axis} 时，y_pred 中该轴以外的每个位置都需要一个类别索引（形状 {index_shape}）。"
    ),
    "error.shape.embedding": (
        _SHAPES + "y_true 必须是每个样本一个整数标签 (N,)，y_pred 必须是每个样本一个嵌入 (N, d)。"
    ),
    "error.shape.sequence": (
        _SHAPES + "y_true 必须是标签序列 (N, L)，y_pred 必须是每个时间步的分数 (N, T, C)，且 N 相同。"
    ),
    "error.shape.ctc_empty": _SHAPES + "CTC 至少需要一个时间步和一列标签。",
    "error.shape.torch_same": _SHAPES + "PyTorch 要求形状完全相同，每个 input 对应一个 target。",
    "error.shape.torch_pair": (
        _SHAPES + "y_pred 必须把样本对 (x1, x2) 放在两列中，形状 (N, 2)；y_true 每行一个标签 1 或 -1，形状 (N,)。"
    ),
    "error.shape.torch_embedding_pair": (
        _SHAPES + "y_pred 必须是嵌入对 (x1, x2)，形状 (N, 2, D)，其中 y_pred[:, 0] = x1，"
        "y_pred[:, 1] = x2；y_true 每对一个标签 1 或 -1，形状 (N,)。"
    ),
    "error.shape.torch_scores": _SHAPES + "y_pred 必须每个样本一行类别分数，形状 (N, C)。",
    "error.shape.torch_multi_margin": _SHAPES + "MultiMarginLoss 的 y_pred 形状须为 (N, C)。",
    "error.shape.torch_index": (
        _SHAPES + "y_true 必须每个样本一个类别索引，形状 {index_shape}。PyTorch 把类别放在 axis 1 上。"
    ),
    "error.shape.torch_index_or_probabilities": (
        _SHAPES + "y_true 必须每个样本一个类别索引，形状 {index_shape}；或者是与 y_pred 形状 "
        "{y_pred_shape} 相同的类别概率。PyTorch 把类别放在 axis 1 上。"
    ),
    "error.loss_name_type": "损失函数的名字必须是文本，比如 'hinge'，而不是 {value}。",
    "error.digits": "digits 必须是 1 到 17 之间的整数，而不是 {value}。",
    "error.empty_elements": (
        "{argument} 的形状是 {shape}：每个样本在最后一个轴上至少要有一个数（Keras 会把空行的平均值算成 NaN）。"
    ),
    "error.too_much_work": (
        "y_pred 的形状是 {shape}：{loss} 需要构造 {work:,} 个元素的数组（约 {memory_mb:.0f} MB），"
        "超过了 Loss Lab 一次计算的上限（{work_limit:,} 个元素，{memory_limit_mb:.0f} MB）。请用更小的批次。"
    ),
    "error.non_finite": "{argument} 在位置 {position} 有一个非有限数（NaN 或无穷大）。",
    "error.overflow": "{argument} 在位置 {position} 的数对 {dtype} 来说太大了。",
    "error.not_numeric": "{argument} 必须是规整的数字数组（每一行长度相同）。",
    "error.scalar_input": "y_true 和 y_pred 必须是数组（至少一行数字），不能是单个数。",
    "error.rank": {"$limit": {
        "3": "{argument} 有 {ndim} 个维度；Loss Lab 最多支持 3 个（批次、时间、特征）。",
        "other": "{argument} 有 {ndim} 个维度；这个损失最多支持 {limit} 个。",
    }},
    "error.unknown_reduction": {"$framework": {
        "pytorch": {"$none": {
            "true": (
                "reduction：'{value}' 不是 {loss} 的归约方式。请从以下选择：{choices}。"
                "PyTorch 用字符串 \"none\" 表示不归约。"
            ),
            "other": "reduction：'{value}' 不是 {loss} 的归约方式。请从以下选择：{choices}。",
        }},
        "other": "reduction：'{value}' 不是 Keras 的归约方式。请从以下选择：{choices}。",
    }},
    "error.dtype": "dtype 必须是 float32 或 float64，而不是 '{value}'。",
    "error.unknown_param": "{loss} 没有参数 '{argument}'。它的参数有：{allowed}。",
    "error.param_range": "{argument} = {value} 超出范围：它必须在 {range} 之内。",
    "error.param_type": {"$expected": {
        "number": "{argument} 必须是一个数，而不是 {value}。",
        "finite": "{argument} 必须是有限的数，而不是 {value}。",
        "bool": "{argument} 必须是 True 或 False，而不是 {value}。",
        "whole": "{argument} 必须是整数，而不是 {value}。",
        "whole_or_none": "{argument} 必须是整数或 None，而不是 {value}。",
        "axes": "{argument} 必须是一个整数或由互不相同的整数组成的列表，而不是 {value}。",
        "axes_or_none": "{argument} 必须是一个整数、由互不相同的整数组成的列表，或 None，而不是 {value}。",
        "list": "{argument} 必须是数字列表，而不是 {value}。",
        "list_or_none": "{argument} 必须是数字列表或 None，而不是 {value}。",
        "other": "{argument} 必须是非空的有限数列表，而不是 {value}。",
    }},
    "error.weight_shape": (
        "sample_weight 的形状是 {weight_shape}，无法与形状为 {loss_shape} 的逐样本损失对应。请每个样本给一个权重。"
    ),
    "error.axis": "对于 {ndim} 维的输入，axis = {axis} 不存在。",
    "error.axis_repeated": "对于 {ndim} 维的输入，axis = {axis} 把同一个维度指定了两次。",
    "error.class_range": (
        "y_true 中的类别索引必须在 0 到 {last} 之间（y_pred 有 {classes} 列）；却在位置 {position} "
        "发现了 {value}。"
    ),
    "error.class_range.keras": (
        "y_true 中的类别索引必须在 0 到 {last} 之间（y_pred 有 {classes} 列）；却在位置 {position} "
        "发现了 {value}。Keras 在这里不会停下：它把 {value} 独热编码成全零的一行，没有任何类别是真实"
        "类别，于是不声不响地给这个样本记上损失 {sample_loss}，最后返回 {keras_value}。"
    ),
    "error.class_range.ctc": (
        "y_true 中的标签必须在 1 到 {last} 之间（0 用于填充；y_pred 有 {classes} 个类别）；却在位置 "
        "{position} 发现了 {value}。"
    ),
    "error.class_range.ctc.keras": (
        "y_true 中的标签必须在 1 到 {last} 之间（0 用于填充；y_pred 有 {classes} 个类别）；却在位置 "
        "{position} 发现了 {value}。Keras 在这里不会停下：标签 {value} 在 y_pred 中没有对应的列，它的"
        "独热编码全是零，所以在每个时间步输出它都不花任何代价（对数概率 0，即概率 1）。这个样本的损失"
        "因此变成 {sample_loss}，比任何真实标签能得到的都低，甚至可能小于 0，Keras 最后返回 "
        "{keras_value}。"
    ),
    "error.integer_labels": "y_true 中的标签必须是整数。",
    "error.torch_sample_weight": (
        "PyTorch 的损失函数不接受 sample_weight：它的前向计算是 (input, target)。类别权重请放在损失函数的 weight 参数中。"
    ),
}
# end of core section


# losses/regression.py
# (regression section)
REGRESSION: dict[str, object] = {
    "step.error": "误差 y_pred - y_true",
    "step.mse.term": "每个误差取平方",
    "step.mae.term": "每个误差取绝对值",
    "step.mape.denominator": "分母 |y_true|，至少为 1e-7",
    "step.mape.ratio": "相对误差",
    "step.mape.term": "换算成百分比",
    "step.msle.log_pred": "log(max(y_pred, 1e-7) + 1)",
    "step.msle.log_true": "log(max(y_true, 1e-7) + 1)",
    "step.msle.term": "对数差的平方",
    "step.huber.term": "|e| <= {delta} 时为二次，超出部分为线性",
    "step.log_cosh.term": "log(cosh(x))，以数值稳定的方式计算",
    "note.mape_zero_target": "有 {count} 个目标值为 0（或接近 0）：Keras 在这些位置除以 1e-7，所以这些项非常大。",
    "note.msle_negative": "负数在取对数之前被提升到 1e-7，所以 MSLE 把所有负数都当作 0。",
    "note.huber_linear": {"$framework": {
        "pytorch": "有 {count} 个元素的 |误差| >= delta = {delta}，走线性分支：大误差线性增长，而不是二次增长。",
        "other": "有 {count} 个元素的 |误差| > delta = {delta}，走线性分支：大误差线性增长，而不是二次增长。",
    }},
}
# end of regression section


# losses/margin.py
# (margin section)
MARGIN: dict[str, object] = {
    "step.hinge.label_conversion": "标签 {{0, 1}} 变为 {{-1, 1}}",
    "step.hinge.labels_kept": "标签保持原样（并非全是 0/1）",
    "step.hinge.margin": "间隔 y' * y_pred",
    "step.hinge.hinge": "铰链 max(0, 1 - m)",
    "step.squared_hinge.term": "每个铰链项取平方",
    "step.categorical_hinge.positive": "真实类别的分数：sum(y * y_pred)",
    "step.categorical_hinge.negative": "最高的错误类别分数：max((1 - y) * y_pred)",
    "note.hinge_converted": "所有标签都是 0 或 1，所以 Keras 先把它们变成 -1 和 1（y' = 2y - 1）。",
    "note.hinge_not_converted": (
        "y_true 中含有 {value}，它既不是 0 也不是 1，所以 Keras 对整个批次的标签都不做转换："
        "每个 0 都保持为 0，各贡献 1 的损失项。"
    ),
}
# end of margin section


# losses/probabilistic.py
# (probabilistic section)
_PROB_CLIPPED = "有 {count} 个预测值落在 [1e-7, {high:.8g}] 之外，被裁剪到这个区间内"
_PROB_CLIP_F32 = "（在 float32 中 1 - 1e-7 舍入为 {high:.8g}）"
_PROB_CLIP_BINARY = (
    "，所以对数永远不会碰到 0：标签为 1 时预测 0 的代价是 -log(1e-7) = {cost_low}，标签为 0 时预测 1 "
    "的代价是 -log(1 - {high:.8g}) = {cost_high}，而不是无穷大。"
)
_PROB_CLIP_CATEGORICAL = (
    "，所以对数永远不会碰到 0：真实类别的概率为 0 时代价是 -log(1e-7) = {cost_low}，而不是无穷大。"
    "目标为 0 的类别即使被裁剪，也不增加任何损失。"
)

PROBABILISTIC: dict[str, object] = {
    "note.cce_no_true_class": (
        "y_true 中有 {count} 行没有真实类别（全为 0）：它们的损失是 0，因为每一项都是 -0 · log p。"
        "Keras 照样计算、不会报错；但这些样本什么也教不了模型。"
    ),
    "note.cce_not_one_hot": (
        "y_true 中有 {count} 行的和不等于 1，不是概率分布：Keras 仍然对各类别累加 -y_j log p_j，"
        "目标为 2 的那一项会被算两次。"
    ),
    "step.probabilistic.clip": "裁剪概率",
    "step.probabilistic.sigmoid": "用 sigmoid 把 logits 变成概率",
    "step.probabilistic.softmax": "用 softmax 把 logits 变成概率",
    "step.probabilistic.log_softmax": "用 log-softmax 求对数概率",
    "step.probabilistic.renormalise": "每一行除以该行之和",
    "step.probabilistic.log_p": "每个概率的自然对数",
    "step.probabilistic.label_smoothing": {"$kind": {
        "binary": "标签平滑：向 0.5 靠拢",
        "other": "标签平滑：把 {label_smoothing} 的概率质量平均分给全部 {classes} 个类别",
    }},
    "step.probabilistic.one_hot": "类别索引变为独热（one-hot）行",
    "step.bce.log_p": {"$from_logits": {
        "true": "标签 1 的概率的对数，用 log-sigmoid 计算",
        "other": "标签 1 的概率的对数",
    }},
    "step.bce.log_one_minus_p": {"$from_logits": {
        "true": "标签 0 的概率的对数，用 log-sigmoid 计算",
        "other": "标签 0 的概率的对数",
    }},
    "step.bce.term": "每个元素的交叉熵",
    "step.binary_focal.bce": "每个元素的二元交叉熵",
    "step.binary_focal.p_t": "给真实标签的概率",
    "step.binary_focal.focal_factor": "焦点因子：容易的元素（p_t 接近 1）占的分量更小",
    "step.binary_focal.class_weight": "类别平衡：标签 1 乘以 alpha，标签 0 乘以 1 - alpha",
    "step.binary_focal.term": "每个元素的焦点项",
    "step.cce.term": "每个类别的项：只有目标非零的类别才计入",
    "step.sparse_cce.ignore_class": "标签为 {ignore_class} 的行被忽略：Keras 把它们的 y_pred 置零",
    "step.sparse_cce.ignore_class_loss": "被忽略的行损失为 0，并被屏蔽",
    "step.categorical_focal.cross_entropy": "每个类别的交叉熵",
    "step.categorical_focal.focal_factor": "焦点因子：有把握的类别（p 接近 1）占的分量更小",
    "step.categorical_focal.term": "每个类别的焦点项",
    "step.gce.p_true": "真实类别的概率",
    "step.gce.power": "取它的 q 次幂",
    "step.kl.clip_true": "把 y_true 裁剪到 [1e-7, 1]",
    "step.kl.clip_pred": "把 y_pred 裁剪到 [1e-7, 1]",
    "step.kl.ratio": "比值 y / p",
    "step.kl.term": "每个类别的项",
    "step.poisson.log_pred": "预测速率（加 1e-7）的对数",
    "step.poisson.term": "速率减去计数乘以对数速率",
    "note.clipped": {"$dtype": {
        "float32": {"$binary": {
            "true": _PROB_CLIPPED + _PROB_CLIP_F32 + _PROB_CLIP_BINARY,
            "other": _PROB_CLIPPED + _PROB_CLIP_F32 + _PROB_CLIP_CATEGORICAL,
        }},
        "other": {"$binary": {
            "true": _PROB_CLIPPED + _PROB_CLIP_BINARY,
            "other": _PROB_CLIPPED + _PROB_CLIP_CATEGORICAL,
        }},
    }},
    "note.backend_logits": (
        "有 {count} 个 logit 大到让 sigmoid 舍入成 0 或 1。Keras 的 jax、TensorFlow 和 PyTorch 后端使用 "
        "log-sigmoid，结果保持精确：logit {logit} 配标签 {label} 的代价是 {value}。Keras 的 numpy 后端"
        "先算 sigmoid，再裁剪到 [1e-7, 1 - 1e-7]，得到 {numpy_value}。"
    ),
    "note.focal_sigmoid_first": (
        "使用 from_logits 时，二元焦点交叉熵先算 sigmoid，再取裁剪后的对数（binary_crossentropy 则"
        "使用 log-sigmoid），所以 logit 很大时会饱和：无论 logit 多大，错误标签的交叉熵都停在 "
        "{cap_label_1}（标签 1）或 {cap_label_0}（标签 0）。"
    ),
    "note.renormalised": (
        "y_pred 中有 {count} 行之和不为 1（各行之和 {sums:list}）：Keras 在取对数之前把每一行除以该行之和，"
        "所以只有一行之内的比例起作用。"
    ),
    "note.zero_row_sum": "y_pred 有一行之和为 0：Keras 在那里计算 0 / 0，这一行的损失是 NaN。",
    "note.single_class": (
        "y_pred 只有一列：重新归一化后每个概率都变成 1（再被裁剪到 {cap}），所以损失几乎不依赖 y_pred。"
        "Keras 也会给出警告；两个类别的问题请用 binary_crossentropy，而不是 {name}。"
    ),
    "note.smoothing_last_axis": (
        "Keras 按最后一个轴的大小（{classes}）来分摊平滑量，而不是按 axis {axis} 上的类别数"
        "（{axis_size}），所以平滑后的目标之和不为 1。"
    ),
    "note.ignore_class": (
        "{total} 行中有 {count} 行的标签是 {ignore_class}，它们被忽略。Keras 把这些行的 y_pred 换成 0"
        "（重新归一化时 0 / 0 得到 NaN，logits 为 0 时得到 log C），把它们的损失设为 0，并给结果附上"
        "掩码：在 sum_over_batch_size 和 mean 下，掩码变成权重——被忽略的行为 0，其余各行为 "
        "{total}/{kept}，所以平均只在未被忽略的行上进行。"
    ),
    "note.gce_broadcast": (
        "y_true 的形状是 {y_true_shape}：Keras 对它做独热编码时没有去掉最后一个轴，得到 {hot_shape}，"
        "它与形状为 {y_pred_shape} 的 y_pred 广播，得到形状为 {shape} 的损失：每个标签都与每一行配对了。"
        "请让 y_true 每行一个索引，形状为 {index_shape}。"
    ),
    "note.gce_not_renormalised": (
        "y_pred 有些行之和不为 1（各行之和 {sums:list}）。与各种交叉熵不同，广义交叉熵按原样使用 y_pred："
        "不重新归一化，也不裁剪。"
    ),
    "note.kl_clipped": (
        "y_true 或 y_pred 中有 {count} 个值在 [1e-7, 1] 之外，被裁剪进这个区间：目标 0 变成 1e-7，"
        "于是贡献一个很小（通常为负）的项 1e-7 · log(1e-7 / p)，而不是恰好为 0；预测 0 也变成 1e-7。"
    ),
    "note.poisson_zero_rate": (
        "有 {count} 个预测值在计数为正的位置上为 0（或更小）：速率只加了 1e-7，所以 "
        "log(0 + 1e-7) = -16.12 使这些项变得很大（速率为负时则为 NaN）。"
    ),
    "error.per_class_length": (
        "{name} 有 {length} 个值，但 y_pred 的最后一个轴有 {columns} 列：Keras 沿最后一个轴把 "
        "{name} 用到每一行上，所以请给一个数，或者每列一个值。"
    ),
}
# end of probabilistic section


# losses/sequence.py
# (sequence section)
SEQUENCE: dict[str, object] = {
    "step.circle.similarity": "嵌入之间两两的相似度：s = y_pred · y_predᵀ",
    "step.circle.distance": "余弦距离 d = 1 - s，至少为 0",
    "step.circle.positive_mask": {"$remove_diagonal": {
        "true": "正样本对：标签相同，但不包括样本自身",
        "other": "正样本对：标签相同",
    }},
    "step.circle.negative_mask": "负样本对：标签不同",
    "step.circle.positive_weight": "每个正样本对的权重：离它的最优值有多远",
    "step.circle.negative_weight": "每个负样本对的权重：离它的最优值有多远",
    "step.circle.positive_logit": "缩放后的正样本项（正样本对之外为 -inf）",
    "step.circle.negative_logit": "缩放后的负样本项（负样本对之外为 -inf）",
    "step.circle.lse_positive": "每一行正样本项的 log-sum-exp",
    "step.circle.lse_negative": "每一行负样本项的 log-sum-exp",
    "step.ctc.label_length": "标签长度：每一行中非零标签的个数",
    "step.ctc.log_softmax": "每个时间步上各类别的对数概率（log-softmax）",
    "step.ctc.extended_labels": "扩展标签：在标签之前、之间和之后插入空白符（0）",
    "step.ctc.alpha": "样本 {sample} 的前向表：log α_t(s)，每个扩展标签一列",
    "note.circle_not_normalised": (
        "y_pred 并非每一行的长度都是 1（第 0 行的长度是 {length}）。Keras 不会替你归一化嵌入："
        "它直接把点积当作余弦相似度，并期望在损失之前有一个 UnitNormalization 层。"
    ),
    "note.circle_no_positive": (
        "有 {count} 个样本的标签与其他任何样本都不同：它们没有正样本对，LSE_p 为 -inf，"
        "损失为 softplus(-inf) = 0。"
    ),
    "note.circle_no_negative": "所有样本的标签都相同：没有负样本对，LSE_n 为 -inf，每个损失都是 0。",
    "note.circle_zero_masked": (
        "{total} 个损失中有 {count} 个恰好为 0。Keras 把它们屏蔽掉（circle 设置的掩码是 损失 > 0），"
        "所以 sum_over_batch_size 和 mean 除以 {valid} 个非零损失，而不是 {total}；"
        "mean_with_sample_weight 也会把它们的权重从除数中去掉。"
    ),
    "note.ctc_blank_is_zero": (
        "Keras 的 CTC 把类别 0 同时用作空白符和 y_true 的填充值；真正的标签是 1 到 {last}。"
        "（TensorFlow 的 tf.nn.ctc_loss 则用最后一个类别作空白符。）"
    ),
    "note.ctc_zero_inside_label": (
        "有 {count} 行标签在非零标签之前出现了 0。Keras 只数非零标签的个数，然后从行首读取这么多个"
        "标签，所以这个 0 被当作一个标签（空白符）读入，而最后一个标签被丢掉了。"
    ),
    "note.ctc_probabilities_as_logits": (
        "y_pred 看起来像概率（每个时间步之和为 1），但 Keras 的 CTC 会对 y_pred 做 log-softmax："
        "它把这些数当作 logits，所以损失并不是这些概率的 -log。"
    ),
    "note.ctc_log_epsilon": (
        "接近 -100000 的格子是样本 0 还不能（或永远不能）到达的状态：Keras 把 log 0 写成 -1e5，"
        "而不是 -inf。"
    ),
    "note.ctc_impossible": (
        "有 {count} 个标签序列放不进 {steps} 个时间步（每个标签需要一个时间步，相邻的重复标签之间"
        "还需要一个空白步）。概率为 0，但 Keras 用 -1e5 代替 log 0，损失变成约 100000，而不是无穷大。"
    ),
    "note.ctc_float64_in_float32": (
        "dtype 是 {dtype}，但 Keras 的 CTC 仍然用 float32 计算：它的 jax ctc_loss 在 "
        "result_type(y_pred 的 dtype, \"float32\") 下工作，而按 Keras 的类型规则，float64 得到的是 "
        "float32。下面每一步都和 Keras 一样是 float32，只有损失被转换成 {dtype}。"
    ),
    # 由 losses/kops.py（keras.ops.mean）发出：每个对各项求平均的损失都会用到。
    "note.float64_mean_in_float32": {"$count": {
        "one": (
            "dtype 是 float64，但 Keras 在 float32 中求平均：ops.mean 的计算精度是 "
            "result_type(float64, \"float32\")，按 Keras 的类型规则就是 float32。所以即使每一项都是用 "
            "float64 算的，逐样本损失也带着 float32 的舍入（0.44 变成 0.4399999976158142）。"
        ),
        "other": (
            "dtype 是 float64，但 Keras 在 float32 中对每个样本的 {count} 个项求平均：ops.mean 的计算精度是 "
            "result_type(float64, \"float32\")，按 Keras 的类型规则就是 float32。所以即使每一项都是用 "
            "float64 算的，逐样本损失也带着 float32 的舍入（0.44 变成 0.4399999976158142）。"
        ),
    }},
}
# end of sequence section


# losses/similarity.py
# (similarity section)
_OVERLAP_WHOLE_BATCH = (
    "axis 为 None（Keras 的默认值）：求和遍及批次中的每一个数，所以 Keras 对所有样本只返回一个损失，"
    "归约也不再改变它。如果有样本权重，Keras 会把这一个数分别乘以每个权重，再对这些乘积归约："
    "sum_over_batch_size 得到 损失 × mean(权重)。设置 axis 就能让每个样本各有一个损失。"
)
_OVERLAP_EMPTY_MASK = (
    "当 y_true 和 y_pred 都全为 0（掩码为空，预测也为空）时，分数是 0 / (0 + 1e-7) = 0，损失为 1："
    "一个完美的预测反而得到最差的损失。"
)
SIMILARITY: dict[str, object] = {
    "step.cosine.normalize": "对 {argument} 做 L2 归一化：每个向量除以它的长度",
    "step.cosine.term": "把归一化后的向量逐元素相乘",
    "step.overlap.product": "每个元素的重叠：y_true × y_pred",
    "step.overlap.intersection": {"$axis": {
        "None": "交集：对整个批次的重叠求和",
        "other": "交集：沿 axis {axis} 对重叠求和",
    }},
    "step.dice.sum_true": "真实掩码的大小：y_true 之和",
    "step.dice.sum_pred": "预测掩码的大小：y_pred 之和",
    "step.dice.dice": "Dice 分数：两倍的重叠除以总大小",
    "step.tversky.false_positives": "Keras 的 fp：y_true × (1 - y_pred) 之和（漏掉的真实部分）",
    "step.tversky.false_negatives": "Keras 的 fn：y_pred × (1 - y_true) 之和（落在掩码之外的预测）",
    "step.tversky.tversky_index": "Tversky 指数：重叠除以（重叠加上加权的遗漏）",
    "note.cosine_zero_vector": (
        "有 {count} 个 {argument} 向量全为 0。它们的长度是 0，所以 Keras 不做除以 0，而是乘以上限 1e7："
        "归一化后的向量仍为 0，每一项都是 0，该样本的损失是 -0（无所谓相似与否）。"
    ),
    "note.cosine_short_vector": (
        "有 {count} 个 {argument} 向量的长度小于 1e-7。Keras 把它们乘以 1e7，而不是除以它们的长度，"
        "所以它们的长度达不到 1，余弦值被拉向 0。"
    ),
    "note.dice_whole_batch": _OVERLAP_WHOLE_BATCH,
    "note.tversky_whole_batch": _OVERLAP_WHOLE_BATCH,
    "note.dice_empty": _OVERLAP_EMPTY_MASK,
    "note.tversky_empty": _OVERLAP_EMPTY_MASK,
    "note.tversky_swapped_names": (
        "Keras 的代码把 sum(y_true × (1 - y_pred)) 叫作“假阳性”，但它其实是预测漏掉的真实掩码，"
        "也就是教科书中的假阴性（而它所说的“假阴性”是教科书中的假阳性）。所以 alpha = {alpha} "
        "加权的是漏检，beta = {beta} 加权的是误报，这与 Keras 的文档字符串以及 Salehi 等（2017）正好相反。"
    ),
}
# end of similarity section


# PyTorch: its losses (in losses/regression.py, probabilistic.py, margin.py, similarity.py) and losses/framework.py
# (pytorch section)
PYTORCH: dict[str, object] = {
    "latex.torch.is_ignored": " 被忽略",
    "latex.torch.ignored": "被忽略",
    "step.torch.difference": "差值 input - target",
    "step.torch.abs_error": "绝对误差 |input - target|",
    "step.torch.weight": "乘以 weight（沿最后一个轴广播）",
    "step.torch.log_softmax": "在类别上做 log-softmax（axis 1）",
    "step.torch.class_weight": "每个目标的类别权重（被忽略的为 0）",
    "step.torch.nll": {"$picked": {
        "y_pred": {"$weighted": {
            "true": "目标类别处 y_pred（对数概率）的相反数（被忽略的为 0），再乘以其权重",
            "other": "目标类别处 y_pred（对数概率）的相反数（被忽略的为 0）",
        }},
        "other": {"$weighted": {
            "true": "目标类别处对数概率的相反数（被忽略的为 0），再乘以其权重",
            "other": "目标类别处对数概率的相反数（被忽略的为 0）",
        }},
    }},
    "step.torch.smooth": "对所有类别求加权对数概率之和，再取相反数",
    "step.torch.mse.term": "每个差值取平方",
    "step.torch.l1.term": "每个差值取绝对值",
    "step.torch.huber.term": "小于 delta = {delta} 时为二次，从那里开始为线性",
    "step.torch.smooth_l1.term": "小于 beta = {beta} 时为二次，从那里开始为线性",
    "step.torch.smooth_l1.term_l1": "beta = 0：就是绝对误差本身（L1Loss）",
    "step.torch.bce.log_p": "log(input)，在 -100 处截断",
    "step.torch.bce.log_1mp": "log(1 - input)，在 -100 处截断",
    "step.torch.bce.term": "每个元素的二元交叉熵",
    "step.torch.bce_logits.log_sigmoid": "log(sigmoid(input))，以数值稳定的方式计算",
    "step.torch.bce_logits.pos_weight": "正项部分的权重",
    "step.torch.bce_logits.term": "由 logit 计算的二元交叉熵",
    "step.torch.cross_entropy.smoothed_target": "目标向均匀分布移动",
    "step.torch.cross_entropy.term": {"$weighted": {
        "true": "类别权重乘以目标乘以对数概率，再取相反数",
        "other": "目标乘以对数概率，再取相反数",
    }},
    "step.torch.cross_entropy.smoothing_mix": (
        "混合：目标项占 (1 - {label_smoothing})，总和项占 {label_smoothing} / {classes}"
    ),
    "step.torch.kl_div.target_probability": "由对数还原目标概率",
    "step.torch.kl_div.target_entropy_term": "y log y（y = 0 处为 0）",
    "step.torch.kl_div.term": "逐点 KL 散度",
    "step.torch.poisson_nll.rate": "由对数速率输入得到速率",
    "step.torch.poisson_nll.log_rate": "log(input + eps)，eps = {eps}",
    "step.torch.poisson_nll.term": {"$log_input": {
        "true": "泊松负对数似然（输入为对数速率）",
        "other": "泊松负对数似然（输入为速率）",
    }},
    "step.torch.poisson_nll.stirling": "log(y!) 的 Stirling 项，仅在 y > 1 处",
    "step.torch.poisson_nll.full": "加上 Stirling 项",
    "step.torch.hinge_embedding.term": "相似对（y = 1）取 x，不相似对（y = -1）取 max(0, margin - x)",
    "step.torch.soft_margin.margin": "标签乘以输入，再取相反数",
    "step.torch.soft_margin.term": "log(1 + exp(z))",
    "step.torch.multi_margin.target_score": "目标类别的分数",
    "step.torch.multi_margin.margin": "其他每个类别违反间隔的程度（跳过目标类别本身）",
    "step.torch.multi_margin.term": {"$p": {
        "2": {"$weighted": {
            "true": "每个违反间隔之处的铰链项，再平方，并乘以目标类别的权重",
            "other": "每个违反间隔之处的铰链项，再平方",
        }},
        "other": {"$weighted": {
            "true": "每个违反间隔之处的铰链项，乘以目标类别的权重",
            "other": "每个违反间隔之处的铰链项",
        }},
    }},
    "step.torch.cosine_embedding.dot": "点积 x1 · x2（x1 = y_pred[:, 0]，x2 = y_pred[:, 1]）",
    "step.torch.cosine_embedding.norms": "范数之积（每个平方范数加上 1e-12）",
    "step.torch.cosine_embedding.cosine": "余弦相似度",
    "step.torch.cosine_embedding.term": (
        "相似对（y = 1）取 1 - cos，不相似对（y = -1）取 max(0, cos - margin)"
    ),
    "step.torch.margin_ranking.difference": "差值 x1 - x2（x1 = y_pred[:, 0]，x2 = y_pred[:, 1]）",
    "step.torch.margin_ranking.term": "排序上的铰链项",
    "note.torch_empty_batch": "没有任何元素，没有什么可加的。",
    "note.torch_empty_mean": "批次为空：没有数的平均是 0 / 0，PyTorch 返回 nan。",
    "note.torch_mean_all_elements": (
        "\"mean\" 一次性除以全部 {count} 个元素（{dims}）；PyTorch 在批次平均之前没有逐样本这一步。"
    ),
    "note.torch_kl_mean": (
        "\"mean\" 除以全部 {count} 个元素（{dims}），所以它不是 KL 散度：\"batchmean\" 除以批次大小 "
        "{batch}，才得到 KL 散度（也就是 Keras 的 KLDivergence 给出的数）。"
    ),
    "note.torch_weighted_mean": (
        "有类别权重时，\"mean\" 除以各目标的权重之和（{divisor}），而不是样本数（{count}）。"
    ),
    "note.torch_ignored": (
        "有 {count} 个目标等于 ignore_index = {ignore_index}：它们的损失为 0，也不计入 \"mean\" 的除数。"
    ),
    "note.torch_mean_nan": (
        "每个目标都被忽略或权重为 0，所以 \"mean\" 计算 0 / 0，PyTorch 返回 nan（Keras 在这里会返回 0）。"
    ),
    "note.torch_bce_log_clamp": (
        "有 {count} 个概率恰好为 0 或 1，此处对数为 -inf：PyTorch 把每个对数截断在 -100，所以自信却"
        "错误的预测代价是 100（Keras 则把概率裁剪到 [1e-7, 1 - 1e-7]：上限为 16.12）。"
    ),
    "note.torch_ce_logits": (
        "y_pred 看起来像概率，但 CrossEntropyLoss 把它当作 logits，会再做一次 softmax"
        "（Keras 的 categorical_crossentropy 默认接受概率）。"
    ),
    "note.torch_nll_not_log": (
        "y_pred 中有大于 0 的值，所以它不是对数概率：NLLLoss 只取出目标位置的值并取相反数"
        "（请先做 log_softmax，或改用 CrossEntropyLoss）。"
    ),
    "note.torch_kl_input_log": (
        "y_pred 落在 [0, 1] 内，像是概率，但 KLDivLoss 把它当作对数概率：请传入 log(p)"
        "（Keras 的 KLDivergence 接受 p）。"
    ),
    "note.torch_poisson_log_input": (
        "log_input=True（默认）：y_pred 是速率的对数，所以速率是 e^{{y_pred}}。Keras 的 poisson 直接接受速率。"
    ),
    "note.torch_label_not_pm1": {"$loss": {
        "CosineEmbeddingLoss": "y_true 中有 {value}，它既不是 1 也不是 -1：PyTorch 给这一对的损失是 0。",
        "other": "y_true 中有 {value}，它既不是 1 也不是 -1：PyTorch 于是把两个分支相加，x + max(0, margin - x)。",
    }},
    "note.torch_soft_margin_overflow": (
        "PyTorch 直接计算 log(1 + exp(z))：在 float32 中 z 超过约 88.7 时 exp(z) 溢出，所以损失为 inf，"
        "而真实值约为 z。"
    ),
    "error.probability_range": {"$argument": {
        "y_pred": (
            "BCELoss 要求 {argument} 的每个值都在 0 到 1 之间；在位置 {position} 发现了 {value}。"
            "PyTorch 会报错 \"all elements of input should be between 0 and 1\"。"
            "如果是 logits，请用 BCEWithLogitsLoss。"
        ),
        "other": (
            "BCELoss 要求 {argument} 的每个值都在 0 到 1 之间；在位置 {position} 发现了 {value}。"
            "PyTorch 会报错 \"all elements of target should be between 0 and 1\"。"
            "如果是 logits，请用 BCEWithLogitsLoss。"
        ),
    }},
    "error.weight_length": {"$argument": {
        "class_weight": "类别权重：{size} 个数对应 {expected} 个类别；请每个类别给一个权重。",
        "other": {"$per": {
            "class": "weight 有 {size} 个数，但共有 {expected} 个类别：PyTorch 需要每个类别一个权重。",
            "other": (
                "{argument} 有 {size} 个数，但 y_pred 的最后一个轴长度为 {expected}：PyTorch 沿最后一个轴广播 "
                "{argument}，所以请给出 1 个或 {expected} 个数。"
            ),
        }},
    }},
    "error.class_range.torch": (
        "y_true 中的类别索引必须在 0 到 {last} 之间（y_pred 在 axis 1 上有 {classes} 个类别）；"
        "却发现了 {value}。PyTorch 会报错 \"Target {value} is out of bounds\"。"
    ),
    "error.ignore_index_probabilities": (
        "ignore_index 只适用于类别索引形式的目标；这里的 y_true 是概率。PyTorch 会报错 "
        "\"ignore_index is not supported for floating point target\"。"
    ),
}
# end of pytorch section


# losses/parsing.py and losses/registry.py: reading what the learner typed, finding a loss
# (parsing section)
_AT = "{argument}，第 {line} 行第 {column} 列："
_BAD_CHAR = _AT + "这里不允许出现字符 \"{token}\"。"
PARSING: dict[str, object] = {
    "parse.too_long": "{argument}：文本有 {length:,} 个字符，超过了 {limit:,} 的上限。请粘贴一个更小的例子。",
    "parse.empty": "{argument}：没有数字。请输入数字，例如 0.6 0.4 或 [[0, 1], [1, 0]]。",
    "parse.overflow": _AT + "\"{token}\" 超出范围。数字必须在约 -1.8e308 到 1.8e308 之间。",
    "parse.too_deep": _AT + "列表嵌套超过了 {limit} 层。最多使用 {limit} 层，例如 [[[1, 2], [3, 4]]]。",
    "parse.empty_list": _AT + "列表 \"[]\" 是空的。每个列表至少需要一个数。",
    "parse.unbalanced": {"$token": {
        "[": _AT + "这个 \"[\" 没有闭合。请补上对应的 \"]\"。",
        "other": _AT + "这个 \"]\" 没有对应的 \"[\"。请删掉它，或在它之前补一个 \"[\"。",
    }},
    "parse.mixed": {"$what": {
        "bracket": (
            _AT + "\"[\" 不能跟在没有括号的数字之后。要么文本以 \"[\" 开头并始终使用方括号，要么完全不用方括号。"
        ),
        "other": _AT + "这个列表里既有数字又有列表。请把每个数都放进同一深度的行里，例如 [[1, 2], [3, 4]]。",
    }},
    "parse.non_finite": _AT + "\"{token}\" 不是有限的数。只允许有限的数，例如 0.5 或 -3。",
    "parse.unexpected_char": {"$reason": {
        "parenthesis": _BAD_CHAR + "列表请用方括号 [ ]。",
        "brace": _BAD_CHAR + "列表请用方括号 [ ]。",
        "quote": _BAD_CHAR + "输入数字时不要加引号。",
        "semicolon": _BAD_CHAR + "数字之间用逗号或空格分隔，行与行之间换行。",
        "fraction": _BAD_CHAR + "分数请写成小数，例如 0.5。",
        "minus_lookalike": _BAD_CHAR + "这不是减号；请用键盘输入 \"-\"。",
        "special_space": _BAD_CHAR + "这是一个特殊空格；请改用普通空格。",
        "other": _BAD_CHAR + "只允许数字、逗号、空格和方括号。",
    }},
    "parse.not_a_number": {"$reason": {
        "underscore": _AT + "\"{token}\" 不是数字。写数字时不要用下划线，例如 1000。",
        "non_ascii_digit": _AT + "\"{token}\" 不是数字。请使用键盘上的数字 0 到 9。",
        "other": _AT + "\"{token}\" 不是数字。请使用 0.25 或 -1e-3 这样的数字。",
    }},
    "parse.missing_number": _AT + "这个 \",\" 前面什么都没有。请删掉多余的逗号，或补上缺少的数。",
    "parse.after_end": (
        _AT + "最后一个 \"]\" 之后还有文字。请把所有行都放进同一对方括号里，例如 [[1, 2], [3, 4]]。"
    ),
    "parse.too_many_numbers": _AT + "数字超过了 {limit:,} 个。请使用更小的例子。",
    "parse.ragged": {"$unit": {
        "block": _AT + "第 {index} 块有 {found} 行，而第 1 块有 {expected} 行。每一块的行数都要与第 1 块相同。",
        "other": _AT + "第 {index} 行有 {found} 个数，而第 1 行有 {expected} 个。每一行的数字个数都要与第 1 行相同。",
    }},
    # losses/registry.py: a loss or framework name that is not known, as keras.losses.get says.
    "error.unknown_loss": {"$other": {
        "keras": "未知的损失函数 {value!r}。已有的损失函数：{known}。{value!r} 是 Keras 的损失函数：请传入 framework='keras'。",
        "pytorch": (
            "未知的损失函数 {value!r}。已有的损失函数：{known}。{value!r} 是 PyTorch 的损失函数："
            "请传入 framework='pytorch'。"
        ),
        "other": "未知的损失函数 {value!r}。已有的损失函数：{known}。",
    }},
    "error.unknown_framework": "framework 必须是 {choices} 之一，而不是 {value!r}。",
    # losses/compare.py and losses/quiz.py: a comparison or a question that cannot be made.
    "error.unknown_pair": "未知的对比 {value!r}。已有的对比：{known}。",
    "error.compare_one_hot": (
        "MultiMarginLoss 要求每个样本只有一个类别：y_true 的每一行都必须是 one-hot"
        "（只有一个 1，其余为 0），并且形状与 y_pred 相同。"
    ),
    "error.compare_pair_shape": (
        "y_true 的形状是 {y_true_shape}，y_pred 的形状是 {y_pred_shape}：与 CosineEmbeddingLoss 对比时，"
        "需要两个形状相同 (N, D) 的向量表，每行一个向量。"
    ),
    "error.compare_no_weights": "在这个对比中，{loss} 不接受类别权重。",
    "error.compare_class_weight_length": "类别权重：{size} 个数对应 {expected} 个类别；请每个类别给一个权重。",
}
# end of parsing section


# pages/0_Tutorial.py: the tutorial's chapters (numbers in them come from the computation)
TUTORIAL: dict[str, object] = {
    "tutorial.title": "教程：一个批次如何变成一个数",
    "tutorial.intro": "七个简短的章节，每章都有一个实时示例：改动数字，页面上的每个值都会像 Keras 或 PyTorch 那样精确地重新计算。",
    "tutorial.toc": "章节",
    "tutorial.chapter": "第 {number} 章，共 {count} 章",
    "tutorial.visited": "✓ {title}",
    "tutorial.previous": "上一章",
    "tutorial.next": "下一章",
    "tutorial.example": "动手试试",
    "tutorial.predict": "改一改，先预测",
    "tutorial.check": "自我检测",
    "tutorial.check.button": "检查",
    "tutorial.open_explainer": "在讲解页打开这个例子",
    "tutorial.open_curve": "查看这个损失函数的曲线",
    "tutorial.end": "这是最后一章。测验页里还有更多类似的问题。",
    "tutorial.batch.title": "一个批次如何变成一个数",
    "tutorial.batch.body": (
        "损失函数做三件事。先在每个元素上（目标值与预测值相遇的地方）算出一项；再把每个样本的各项合成"
        "这个样本的损失，通常是在最后一个轴上求平均；最后把整个批次归约成一个数，默认是对样本求平均。\n\n"
        "在这个例子里，Keras 的铰链损失给出两个样本的损失 {first} 和 {second}，批次的损失是 {value}。"
    ),
    "tutorial.batch.predict": "把 y_pred 第一行的 0.4 改成 0.9。哪个样本的损失会变？批次的值是变大还是变小？",
    "tutorial.batch.check": "样本 1（第二行）的损失是多少？",
    "tutorial.regression.title": "均方误差与平均绝对误差",
    "tutorial.regression.body": (
        "两者都逐个元素地看预测值与目标值之间的误差，然后对每个样本的特征求平均，再对批次中的样本求平均。"
        "平方误差对大误差的惩罚远大于小误差；绝对误差则对每一单位误差一视同仁。\n\n"
        "这里有一个元素偏差为 3：它的平方项是 9，批次的均方误差是 {mse}，而同样数字的平均绝对误差是 {mae}。"
    ),
    "tutorial.regression.predict": "把这个离群值改小（3 → 1）。先预测哪个损失下降得更多，再验证。",
    "tutorial.regression.check": "这个批次的均方误差是多少？",
    "tutorial.cross_entropy.title": "分类交叉熵",
    "tutorial.cross_entropy.body": (
        "目标是 one-hot 时，只有真实类别那一项起作用：一个样本的损失是它给真实类别的概率取自然对数再取相反数。"
        "第一个样本给真实类别 0.95，所以损失是 {first}；第二个样本只给 0.1，所以是 {second}。\n\n"
        "稀疏分类交叉熵是同一个损失，只是类别用索引给出（y_true = [1, 2]）。概率为 0 时代价是 log(0) = 无穷大："
        "Keras 先把每个概率裁剪到 [1e-7, 1 - 1e-7]，所以一个样本最多只会损失 -log(1e-7) ≈ 16.12。"
    ),
    "tutorial.cross_entropy.predict": "把第二个样本真实类别的概率设为 0（其他项相应调整，使这一行的和仍为 1）。裁剪会把它变成什么？",
    "tutorial.cross_entropy.check": "样本 1（第二行）的损失是多少？",
    "tutorial.hinge.title": "铰链损失：标签变成 -1 和 1",
    "tutorial.hinge.body": (
        "铰链损失要求标签是 -1 和 1。当所有标签都是 0 或 1 时，Keras 会先转换它们（y' = 2y - 1）；"
        "每一项是 max(0, 1 - y'·ŷ)，一旦预测以 1 的间隔落在正确一侧就为零。这里样本 0 得到 "
        "(1.6 + 0.6) / 2 = {first}，样本 1 得到 (1.4 + 1.6) / 2 = {second}，批次为 ({first} + {second}) / 2 = {value}。\n\n"
        "只要有一个标签既不是 0 也不是 1，Keras 就一个都不转换：每个 0 都保持为 0。"
    ),
    "tutorial.hinge.predict": "把 y_true 中的一个 0 改成 -1。先预测其他的 0 会怎样，再看标签那一步。",
    "tutorial.hinge.check": "这个批次的铰链损失是多少？",
    "tutorial.cosine.title": "把余弦相似度当作损失",
    "tutorial.cosine.body": (
        "Keras 先把每个向量做 l2 归一化，再取它们点积的相反数，所以 -1 表示方向相同，1 表示方向相反。"
        "在 axis=1 时，三个样本给出 {values:list}：正交、同向、反向。全零向量归一化后仍是零，"
        "所以不论另一个向量是什么，它的损失都是 0。"
    ),
    "tutorial.cosine.predict": "把 y_pred 的最后一行换成 [0, 0]。这个样本的损失现在是多少？",
    "tutorial.cosine.check": "样本 2（第三行）的损失是多少？",
    "tutorial.weights.title": "归约方式与样本权重",
    "tutorial.weights.body": (
        "样本权重在归约之前乘到每个样本的损失上。Keras 的默认归约 sum_over_batch_size 仍然除以样本个数，"
        "权重为 0 的样本也算在内：权重为 [1, 0] 时，铰链损失的例子得到 (1 × 1.1 + 0 × 1.5) / 2 = {value}，"
        "而不是 1.1。归约方式 mean_with_sample_weight 则除以权重之和，得到 {weighted_mean}。"
    ),
    "tutorial.weights.predict": "把归约方式换成 sum。先预测结果。",
    "tutorial.weights.check": "权重为 [1, 0] 时，sum_over_batch_size 得到多少？",
    "tutorial.frameworks.title": "Keras 与 PyTorch：名字相同，数字不同",
    "tutorial.frameworks.body": (
        "PyTorch 的 CrossEntropyLoss 期望输入 logits，并自己做 softmax。把第 3 章的概率喂给它，"
        "两个样本得到 {torch_values:list}，而 Keras 的 categorical_crossentropy 得到 {keras_values:list}。"
        "其他差异同样不声不响：KLDivLoss 默认的 mean 除以所有元素个数而不是样本数；"
        "BCELoss 把 log(p) 截断在 -100，而不是裁剪 p。"
    ),
    "tutorial.frameworks.predict": "打开对比页试试各个预设：先预测每种情况哪个框架给出的数更大。",
    "tutorial.frameworks.check": "PyTorch 的 CrossEntropyLoss 对这个批次给出多少？",
    "tutorial.gradient.title": "模型学到了什么：梯度",
    "tutorial.gradient.body": (
        "训练从来看不到损失值本身，只看到它的梯度 ∂L/∂ŷ：每个预测值该往哪个方向移动、移动多少。"
        "对第 1 章的铰链批次，梯度是 {hinge:list}：每个间隔都小于 1，所以每个预测值都被推动，"
        "大小是 1/N · 1/C = 1/4（梯度下降减去梯度，所以负的梯度会让预测值变大）。\n\n"
        "那些悄悄发生的步骤在这里影响最大。权重为 0 的样本传回的梯度恰好是 0，却仍然计入 N。"
        "被截断到 1e-7 的概率传回 0：y_true 为 [[1, 0]]、y_pred 为 [[0, 1]]，这是错得最离谱的预测，"
        "分类交叉熵的梯度却是 {clipped:list}，模型从中什么也学不到。而对自信地预测错的 ŷ = 0.01（y = 1），"
        "二元交叉熵传回 {bce:.4g}，均方误差只传回 {mse:.4g}：同样的学习率，前者移动的距离是后者的 {ratio:.0f} 倍。"
    ),
    "tutorial.gradient.predict": "把第一个预测值从 0.01 改成 0.5。先预测它的梯度会变大还是变小，再看下面的 ∂L/∂ŷ。",
    "tutorial.gradient.check": "第一个预测值得到的梯度是多少（y_pred[0][0] 的 ∂L/∂ŷ）？",
}

GRADIENT: dict[str, object] = {
    # the chain every loss shares (losses/gradient.py)
    "grad.step.reduction.mean": "每个加权样本对损失值的影响：归约除以 {divisor}",
    "grad.step.reduction.sum": "每个加权样本对损失值的影响：求和给每个样本传回 1",
    "grad.step.reduction.none": "不归约：对未归约损失之和求梯度，每个样本都是 1",
    "grad.step.weighting": "经过权重：每个样本的梯度乘以它的权重",
    "grad.step.aggregation.mean": "经过最后一轴上的平均：每一项分到所在样本梯度的 1/C",
    "grad.step.aggregation.sum": "经过最后一轴上的求和：每一项得到所在样本的全部梯度",
    "grad.step.aggregation.neg_sum": "经过最后一轴上求和再取负：每一项得到所在样本的梯度，符号相反",
    "grad.step.local": "每一项随它自己的预测值如何变化",
    "grad.step.result": "梯度：模型为每个预测值收到的信号（链式法则）",
    "note.grad.divisor": (
        "{reduction} 把总和除以 {count}，所以每个预测值的梯度也被除以 {count}（乘以 {factor}）："
        "批次越大，每个元素得到的推动越小。"
    ),
    "note.grad.zero_weight": {"$count": {
        "one": "{total} 个权重中有 1 个为 0：该样本的预测值梯度恰好为 0（模型从中学不到任何东西），但它仍计入除数。",
        "other": "{total} 个权重中有 {count} 个为 0：这些样本的预测值梯度恰好为 0（模型从中学不到任何东西），但它们仍计入除数。",
    }},
    "note.grad.non_finite": {"$count": {
        "one": "有 1 个梯度元素是 NaN 或无穷大：{framework} 会原样把它交给模型。",
        "other": "有 {count} 个梯度元素是 NaN 或无穷大：{framework} 会原样把它们交给模型。",
    }},
    # gradient: regression
    "note.grad.abs_at_zero": {"$framework": {
        "pytorch": "有 {count} 个误差恰好为 0，|e| 在这里有一个拐角：autograd 取 sign(0) = 0，所以没有梯度。",
        "other": "有 {count} 个误差恰好为 0，|e| 在这里有一个拐角：jax 把 |y − ŷ| 在此处的斜率取为 +1，所以这些预测值仍会被往下推，好像它们偏高了一样。",
    }},
    "note.grad.clipped_below": {"$count": {
        "one": "有 1 个预测值小于 {floor}，被替换为 {floor}：无论误差多大，它的梯度都是 0。",
        "other": "有 {count} 个预测值小于 {floor}，被替换为 {floor}：无论误差多大，它们的梯度都是 0。",
    }},
    "note.grad.huber_capped": {"$count": {
        "one": "有 1 个误差超过 delta = {delta}：斜率被限制在 ±{delta}，离群值的推动不会更大。",
        "other": "有 {count} 个误差超过 delta = {delta}：斜率被限制在 ±{delta}，离群值的推动不会更大。",
    }},
    # gradient: margin
    "note.grad.hinge_satisfied": {"$count": {
        "one": "{total} 个元素中有 1 个的间隔已经大于 1：hinge 不再推动它（梯度为 0）。",
        "other": "{total} 个元素中有 {count} 个的间隔已经大于 1：hinge 不再推动它们（梯度为 0）。",
    }},
    "note.grad.hinge_kink": {"$count": {
        "one": "有 1 个元素的间隔恰好为 1，max(0, 1 − m) 在这里有一个拐角：jax 在此取一半的斜率。",
        "other": "有 {count} 个元素的间隔恰好为 1，max(0, 1 − m) 在这里有一个拐角：jax 在此取一半的斜率。",
    }},
    "note.grad.max_tie": {"$count": {
        "one": "有 1 个样本中几个错误类别并列最高分：jax 把梯度平均分给它们。",
        "other": "有 {count} 个样本中几个错误类别并列最高分：jax 把梯度平均分给它们。",
    }},
    "note.grad.categorical_hinge_satisfied": {"$count": {
        "one": "有 1 个样本已经以至少 1 的间隔胜过所有错误类别：它的梯度为 0。",
        "other": "有 {count} 个样本已经以至少 1 的间隔胜过所有错误类别：它们的梯度为 0。",
    }},
    "grad.step.categorical_hinge": "样本损失随每个分数如何变化：最强的错误类别往上推，真实类别往下拉",
    # gradient: probabilistic
    "grad.step.log_p": "经过对数：每一项 −y_j log p_j 随概率的变化率是 −y_j / p_j",
    "grad.step.clip": "经过截断到 [1e-7, 1 − 1e-7]：被截断的概率不回传梯度",
    "grad.step.renormalise": "经过除以行和 S：同一行的每个预测值都分到梯度",
    "grad.step.softmax": "经过 softmax：同一行的每个 logit 都分到梯度",
    "grad.step.log_softmax": "经过 log-softmax：梯度就是 softmax 减去目标",
    "grad.step.ignore_class": "被忽略的样本：它们的预测值先被换成了 0，所以没有梯度",
    "note.grad.clipped": {"$count": {
        "one": "有 1 个概率落在 [1e-7, {high:.8g}] 之外，被截断了：截断在那里是平的，回传的梯度为 0（恰好在边界上时是一半）。",
        "other": "有 {count} 个概率落在 [1e-7, {high:.8g}] 之外，被截断了：截断在那里是平的，回传的梯度为 0（恰好在边界上时是一半）。",
    }},
    "note.grad.true_class_clipped": {"$count": {
        "one": (
            "有 1 个真实类别的概率不超过 1e-7：这是错得最离谱的预测，可是截断在那里是平的，"
            "模型从中什么也学不到（梯度为 0）。用 from_logits=True 就没有截断，它会得到最强的推动。"
        ),
        "other": (
            "有 {count} 个真实类别的概率不超过 1e-7：这些是错得最离谱的预测，可是截断在那里是平的，"
            "模型从中什么也学不到（梯度为 0）。用 from_logits=True 就没有截断，它们会得到最强的推动。"
        ),
    }},
    "note.grad.renormalise_couples": (
        "Keras 在取对数之前先把每一行除以行和，所以一行里的每个预测值都有梯度，而不只是真实类别："
        "真实类别被往上推，其他类别通过行和被往下拉。"
    ),
    "note.grad.softmax_minus_target": (
        "用 logits 时，链式法则化简为 softmax(z) − y，再乘以归约的系数：每个错误类别按它的概率被往下拉，"
        "真实类别按 1 − p 被往上推。没有任何截断，所以自信地预测错时推动最强。"
    ),
    "grad.step.bce.log_p": "经过对数：每一项随概率的变化率是 −y/p + (1 − y)/(1 − p)",
    "grad.step.sigmoid_minus_target": "经过 log-sigmoid：每一项的斜率是 σ(z) − y",
    "grad.step.kl.log_p": "经过比值的对数：每一项 y_j log(y_j / p_j) 随概率的变化率是 −y_j / p_j",
    "note.grad.sigmoid_minus_target": "用 logits 时，每一项的斜率就是 σ(z) − y：没有截断，所以自信地预测错的 logit 得到接近 1 的推动，永远不会是 0。",
    "note.grad.poisson_zero_rate": {"$count": {
        "one": "有 1 个预测值为 0 而目标为正：斜率 1 − y/(ŷ + 1e-7) 在那里约为 −y × 10^7，会被猛烈地往上推。",
        "other": "有 {count} 个预测值为 0 而目标为正：斜率 1 − y/(ŷ + 1e-7) 在那里约为 −y × 10^7，会被猛烈地往上推。",
    }},
    "grad.step.sigmoid": "经过 sigmoid：乘以 p (1 − p)",
    "grad.step.categorical_focal.local": "每一项随概率如何变化：经过聚焦因子和对数",
    "grad.step.gce.p_true": "样本损失随真实类别的概率如何变化",
    "grad.step.gce.pick": "只有真实类别的预测值得到梯度：其他预测值没有被用到",
    # one step of learning (losses/descent.py)
    "note.descent.outside": {"$framework": {
        "pytorch": {"$count": {
            "one": "这一步把 1 个概率推到了 [0, 1] 之外，PyTorch 会拒绝它：学习率小一些就能留在范围内。",
            "other": "这一步把 {count} 个概率推到了 [0, 1] 之外，PyTorch 会拒绝它们：学习率小一些就能留在范围内。",
        }},
        "other": {"$count": {
            "one": "这一步把 1 个概率推到了 [0, 1] 之外。Keras 会直接用它计算下一步的损失：截断到 [1e-7, 1 − 1e-7]，在那里梯度为 0。学习率小一些就能留在范围内。",
            "other": "这一步把 {count} 个概率推到了 [0, 1] 之外。Keras 会直接用它们计算下一步的损失：截断到 [1e-7, 1 − 1e-7]，在那里梯度为 0。学习率小一些就能留在范围内。",
        }},
    }},
    # gradient: similarity
    "grad.step.cosine.normalized": "损失随每个归一化预测值如何变化：该项的梯度乘以归一化后的目标值",
    "grad.step.cosine.projection": "沿归一化往回传：去掉沿预测向量本身方向的分量（向量变长，方向不变），其余部分再除以向量长度",
    "note.grad.cosine_zero_vector": (
        "有 {count} 个 y_pred 向量全为 0：上限 1e7 让它们的值保持为 0，但 jax 会把经上限传回的 0 "
        "乘以 1/√S 在 S = 0 处的斜率，而这个斜率是无穷大：于是梯度是 NaN。全零的预测没有方向可以转动。"
    ),
    "note.grad.cosine_capped": (
        "有 {count} 个 y_pred 向量短于 1e-7，落在上限上：它们被乘以常数 1e7，所以梯度是归一化值梯度的 "
        "1e7 倍，而且不再去掉沿向量方向的分量（此时向量长度也会改变损失）。"
    ),
    "grad.step.dice": "Dice 损失随每个预测值如何变化：对 2I / (Σy + Σŷ + ε) 用商的求导法则",
    "grad.step.tversky": "Tversky 损失随每个预测值如何变化（alpha = {alpha}，beta = {beta}）：对 I / D 用商的求导法则",
    "note.grad.overlap_no_target": (
        "{total} 个掩码中有 {count} 个的 y_true 全为 0：无论 y_pred 是多少，重叠 I 都是 0，损失停在 1，"
        "这些预测值的梯度都是 0。这个损失无法教会模型对空掩码预测 0。"
    ),
    # gradient: sequence
    "grad.step.circle.logits": "损失随每一对的 logit 如何变化：样本的 σ(LSE_p + LSE_n) 按该行的 softmax 分给各对（不参与的对得到 0）",
    "grad.step.circle.distance": "损失随每一对的距离如何变化：一路经过该对的权重，一路经过它与间隔的差",
    "grad.step.circle.similarity": "损失随每个成对相似度如何变化：d = 1 − s 让符号翻转，d 在 0 处的下限使 s 超过 1 后不再有梯度",
    "grad.step.circle.embedding": "每个嵌入向量的梯度：它所在的每一对都沿着另一个嵌入向量的方向推动它（s = ŷ ŷᵀ 中每一对出现两次，一次在行，一次在列）",
    "note.grad.circle_distance_floor": (
        "有 {count} 个参与计算的对相似度达到或超过 1，此时 d = max(1 − s, 0) 处于下限 0：s 超过 1 后"
        "没有梯度经过 d；恰好等于 1 时（这里有 {ties} 个），jax 取一半的斜率。"
    ),
    "grad.step.ctc.logprobs": "损失随每个对数概率如何变化：所有对齐方式（按概率 α·β 加权）中在第 t 步经过类别 k 的比例，取负号",
    "grad.step.ctc.logits": "沿 log-softmax 往回传：对于能够对齐的标签，就是预测概率减去这个比例，p_t(k) − γ_t(k)",
    "note.grad.ctc_impossible": (
        "有 {count} 个标签放不进这些时间步，没有任何合法的对齐：梯度把模型推向违反规则最少的那种对齐，"
        "每违反一条规则在对数空间里付出 1e5 的代价（Keras 用它代替 log 0）。"
    ),
    # gradient: pytorch
    "grad.step.torch.sigmoid": "logit 所代表的概率：σ(x)",
    "note.grad.torch_smooth_l1_capped": (
        "有 {count} 个误差不小于 beta = {beta}：无论 beta 取多少，斜率都是 ±1（Huber 的是 ±delta），"
        "离群值的推动不会更大。"
    ),
    "note.grad.torch_bce_epsilon": (
        "有 {count} 个预测值为 0 或 1（x(1 − x) < 10⁻¹²）。autograd 并不对 -100 处的截断求导："
        "BCELoss 的反向传播直接计算 (x − y) / max(x(1 − x), 10⁻¹²)，所以一个自信却错误的预测"
        "在归约之前会得到大约 10¹² 倍于误差的梯度（对 4 个元素取 mean 时约为 ±2.5·10¹¹），"
        "而等于目标值的预测得到 0。"
    ),
    "grad.step.torch.nll_local": "样本损失随 y_pred 每个元素如何变化：只有目标类别那一项起作用",
    "grad.step.torch.one_hot": "损失读取的是哪个对数概率：目标的 one-hot 行（乘以该类别的权重；被忽略的行全为 0）",
    "grad.step.torch.log_p_coefficient": "每个类别的对数概率在样本损失中占多少：它在目标中的份额 r",
    "grad.step.torch.softmax": "logits 所代表的概率：对各类别做 softmax",
    "grad.step.torch.softmax_minus_one_hot": "梯度：softmax 减去 one-hot 目标，对每个 logit 都是如此，再乘以其样本的分量",
    "grad.step.torch.softmax_minus_target": "经过 softmax 的梯度：每个 logit 得到它的概率乘以该行份额之和，再减去它自己的份额",
    "note.grad.torch_ignored": (
        "有 {count} 个目标等于 ignore_index = {ignore_index}：它们所在的 y_pred 行梯度恰好为 0；"
        "而且 \"mean\" 不把它们计入除数，其他行得到的梯度就和这些行不在批次里时一样大。"
    ),
    "note.grad.torch_poisson_full": "full=True 加上的 Stirling 项只取决于目标值：损失值会变，梯度不变。",
    "note.grad.torch_margin_met": (
        "{total} 个元素中有 {count} 个已经满足间隔：max(0, ·) 在那里是平的，所以梯度为 0。"
    ),
    "note.grad.torch_clamp_corner": (
        "有 {count} 个元素恰好位于 max(0, ·) 的拐角：autograd 的 clamp_min 在这里照样传回梯度"
        "（取内侧的斜率 1），而 jax 会取一半。"
    ),
    "note.grad.torch_multi_margin_corner": (
        "有 {count} 个类别恰好位于间隔上（z = 0）：MultiMarginLoss 自己的反向传播只算 z > 0 的项，"
        "所以梯度为 0（PyTorch 的其他 hinge 类损失在拐角处会传回梯度）。"
    ),
    "grad.step.torch.multi_margin_local": "每个错误类别的 hinge 随它自己的分数如何变化（已满足间隔的类别和目标类别为 0）",
    "grad.step.torch.multi_margin": "梯度：间隔内的每个错误类别被往下推，目标类别按它们的总和往上推",
    "grad.step.torch.cosine_slope": "样本损失随余弦值如何变化",
    "grad.step.torch.cosine_gradient": "两个向量的梯度：经过余弦，x₁ 沿 x₂ 的方向移动（减去沿 x₁ 的部分），x₂ 也一样",
    "grad.step.torch.margin_ranking_local": "样本损失随差值 d = x₁ − x₂ 如何变化",
    "grad.step.torch.pair_gradient": "这一对输入各自的梯度：x₁ 得到 ∂L/∂d，x₂ 得到它的相反数",


}

CATALOG: dict[str, object] = {
    **PAGE,
    **LOSSES,
    **TUTORIAL,
    **CORE,
    **REGRESSION,
    **MARGIN,
    **PROBABILISTIC,
    **SEQUENCE,
    **SIMILARITY,
    **PYTORCH,
    **GRADIENT,
    **PARSING,
}
